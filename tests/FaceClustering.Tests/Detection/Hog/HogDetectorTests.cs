using FaceClustering.Core.Detection.Hog;
using FaceClustering.Core.Imaging;
using FaceClustering.Tests.TestSupport;

namespace FaceClustering.Tests.Detection.Hog;

/// <summary>The pieces of the HOG port that can be checked without dlib at hand, and its behaviour on odd input.</summary>
public class HogDetectorTests
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

    [Theory]
    // Sizes dlib 19.24 gives (tools/dlib-hog-reference): pyramid_up of 675x469 is 1352x939, of 1920x1080 is 3842x2161;
    // pyramid_down<6> of 1352x939 is 1126x782.
    [InlineData(675, 469, 1352, 939)]
    [InlineData(1920, 1080, 3842, 2161)]
    public void Upsampled_sizes_are_dlibs(int width, int height, int upWidth, int upHeight)
        => Assert.Equal((upWidth, upHeight), DlibPyramid.UpSize(width, height));

    [Fact]
    public void Pyramid_levels_shrink_by_five_sixths_until_a_side_is_under_64()
    {
        Assert.Equal((1126, 782), (DlibPyramid.DownSize(1352), DlibPyramid.DownSize(939)));
        var levels = DlibPyramid.LevelCount(1352, 939, 64, 64, 1000);
        int w = 1352, h = 939;
        for (var l = 1; l < levels; l++) (w, h) = (DlibPyramid.DownSize(w), DlibPyramid.DownSize(h));
        Assert.True(Math.Min(w, h) >= 64 * 5 / 6 - 2, $"last level {w}x{h}");
        Assert.True(DlibPyramid.DownSize(Math.Min(w, h)) < 64, $"one more level than needed: {w}x{h}");
        Assert.Equal(1, DlibPyramid.LevelCount(70, 70, 64, 64, 1000));
        Assert.Equal(3, DlibPyramid.LevelCount(10000, 10000, 64, 64, 3));
    }

    [Fact]
    public void A_resize_to_the_same_size_keeps_every_pixel()
    {
        using var image = TestImages.Noise(53, 37, seed: 1);
        using var planes = RgbPlanes.FromBgr(image);
        using var same = DlibPyramid.Resize(planes, 53, 37);
        for (var ch = 0; ch < 3; ch++)
            Assert.True(planes.Channel(ch).AsSpan(0, 53 * 37).SequenceEqual(same.Channel(ch).AsSpan(0, 53 * 37)));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 300)]
    [InlineData(30, 30)]
    [InlineData(90, 60)]
    public void Tiny_and_blank_images_give_no_faces(int width, int height)
    {
        var detector = new HogFaceDetector(upsample: 1);
        using var blank = TestImages.Solid(width, height, 128);
        Assert.Empty(detector.Detect(blank));
        using var noise = TestImages.Noise(width, height, seed: width * 1000 + height);
        Assert.All(detector.Detect(noise), f => Assert.True(f.Left >= 0 && f.Top >= 0 && f.Right <= width && f.Bottom <= height));
    }

    [Fact]
    public void Upsampling_finds_a_small_face_the_plain_scan_cannot()
    {
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        using var photo = PhotoReader.TryRead(Path.Combine(dev!, "images", "_group", "bbt2.jpg"))!;
        var plain = new HogFaceDetector(upsample: 0);
        var once = new HogFaceDetector(upsample: 1);
        var face = once.Detect(photo).OrderByDescending(f => f.Score).First(); // about 90 px wide

        // Shrink the photo so that face is about 45 px: under dlib's 80-px window, within reach of one upsampling.
        var scale = 45.0 / face.Width;
        using var small = TestImages.Scaled(photo, scale);
        var expected = new FaceClustering.Core.Detection.DetectedFace(face.Left * scale, face.Top * scale, face.Right * scale, face.Bottom * scale, 0);

        Assert.DoesNotContain(plain.Detect(small), f => f.IntersectionOverUnion(expected) > 0.5);
        Assert.Contains(once.Detect(small), f => f.IntersectionOverUnion(expected) > 0.5);
    }

    [Fact]
    public void A_photo_that_upsampled_would_pass_the_pixel_limit_is_upsampled_fewer_times()
    {
        var limited = new HogFaceDetector(HogFilterBank.FrontalFace, upsample: 2, maxScannedPixels: 1_000_000);
        Assert.Equal(1, limited.UpsampleSteps(400, 600));   // 240k pixels: x16 is over 1 MP, x4 = 960k is not
        Assert.Equal(0, limited.UpsampleSteps(1000, 1000));
        Assert.Equal(1, limited.UpsampleSteps(400, 500));   // 200k x 4 = 800k
        Assert.Equal(2, limited.UpsampleSteps(200, 250));   // 50k x 16 = 800k

        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        using var photo = PhotoReader.TryRead(Path.Combine(dev!, "images", "_group", "bbt3.jpg"))!; // 594x383
        var plain = new HogFaceDetector(upsample: 0);
        var capped = new HogFaceDetector(HogFilterBank.FrontalFace, upsample: 1, maxScannedPixels: 500_000);
        Assert.NotEmpty(plain.Detect(photo));
        Assert.Equal(plain.Detect(photo), capped.Detect(photo));
    }
}
