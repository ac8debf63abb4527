using FaceClustering.Core.Detection.Hog;

namespace FaceClustering.Tests.Detection.Hog;

/// <summary>dlib's frontal face filters, embedded: five detectors whose separable parts rebuild the full filters; a malformed file refused by line.</summary>
public class HogFilterBankTests
{
    [Fact]
    public void The_embedded_filters_are_dlibs_five_and_their_separable_parts_rebuild_the_full_filters()
    {
        var bank = HogFilterBank.FrontalFace;
        Assert.Equal(5, bank.Detectors.Length);
        Assert.Equal((8, 10, 10, 0), (bank.CellSize, bank.FilterWidth, bank.FilterHeight, bank.Padding));
        Assert.Equal(305, bank.Detectors.Sum(d => d.Planes.Sum(p => p.Length)));
        foreach (var detector in bank.Detectors)
        {
            Assert.InRange(detector.Threshold, 3.0, 4.5);
            for (var p = 0; p < HogFilterBank.Planes; p++)
            {
                var full = detector.FullFilters[p];
                var rebuilt = new double[full.Length];
                foreach (var pair in detector.Planes[p])
                    for (var r = 0; r < bank.FilterHeight; r++)
                    for (var c = 0; c < bank.FilterWidth; c++)
                        rebuilt[r * bank.FilterWidth + c] += pair.Column[r] * pair.Row[c];
                // dlib drops singular values below 0.1% of the largest (and below 1e-4), so the rebuild is close, not exact.
                var scale = full.Max(Math.Abs);
                var error = full.Select((v, i) => Math.Abs(v - rebuilt[i])).Max();
                Assert.True(error <= 0.01 * scale + 1e-4, $"plane {p}: rebuild error {error} against filter scale {scale}");
            }
        }
    }

    [Fact]
    public void A_malformed_filter_file_is_refused_with_the_line_it_expected()
    {
        var error = Assert.Throws<InvalidDataException>(() => HogFilterBank.Parse(new StringReader("cell_size 8\nbogus 1\n")));
        Assert.Contains("expected 'detection_window', found 'bogus'", error.Message);
    }
}
