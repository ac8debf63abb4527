using FaceClustering.Core.Detection;

namespace FaceClustering.Tests.Detection;

/// <summary>
/// The cnn detector's passes: the whole photo and two close-up canvases at 512 px, and the photo scaled so the
/// smallest face sought is 30 px, in one input (tiled only past 2048 px), halving until the whole photo takes over.
/// </summary>
public class SsdWindowTests
{
    [Fact]
    public void Each_upsampling_step_halves_the_smallest_face_and_doubles_the_finest_scale()
    {
        Assert.Equal([80.0, 40.0, 20.0], new[] { 0, 1, 2 }.Select(SsdFaceDetector.SmallestFaceFor));
        var passes = new[] { 0, 1, 2 }.Select(u => SsdFaceDetector.Windows(4000, 3000, SsdFaceDetector.SmallestFaceFor(u))).ToList();
        // The finest pass puts the smallest face at 30 px of the input: 80 px faces at 3/8, 40 at 3/4, 20 at 3/2.
        Assert.Equal([8 / 3.0, 4 / 3.0, 2 / 3.0], passes.Select(p => p.Where(w => w.Scaled).Min(w => w.Step)), new ToleranceComparer(1e-9));
        var pixels = passes.Select(p => p.Sum(w => (long)w.Width * w.Height)).ToList();
        Assert.True(pixels[0] < pixels[1] && pixels[1] < pixels[2], $"input pixels: {string.Join(", ", pixels)}");
        // A photo too small for scaled passes gets the whole-photo and close-up passes only, whatever the upsampling.
        Assert.Equal(3, SsdFaceDetector.Windows(300, 200, 20).Count);
        Assert.All(SsdFaceDetector.Windows(300, 200, 20), w => Assert.Equal((512, 512, 0.0), (w.Width, w.Height, w.MinFace)));
    }

    [Fact]
    public void A_1920_px_photo_is_scanned_in_one_input_instead_of_tiles()
    {
        var windows = SsdFaceDetector.Windows(1920, 1280, SsdFaceDetector.SmallestFaceFor(1));
        var scaled = Assert.Single(windows, w => w.Scaled);
        Assert.Equal((1440, 960), (scaled.Width, scaled.Height));
        Assert.Equal(4 / 3.0, scaled.Step, 9);
        Assert.False(scaled.Tile);
        Assert.Equal(4, windows.Count); // whole photo, the scaled pass, two close-up canvases
        // With a scaled pass, the canvases look only for faces over a quarter of the photo, at 256 px.
        var canvases = windows.Skip(2).ToList();
        Assert.All(canvases, w => Assert.Equal((256, 256, 480.0), (w.Width, w.Height, w.MinFace)));
        Assert.Equal([2 * 1920 / 256.0, 3 * 1920 / 256.0], canvases.Select(w => w.Step));
    }

    [Theory]
    [InlineData(4000, 3000, 1)]
    [InlineData(3000, 4000, 2)]
    [InlineData(12000, 800, 1)]
    [InlineData(1999, 1333, 1)]
    public void Scaled_inputs_are_whole_grids_at_most_2048_px_and_their_tiles_cover_the_photo_with_overlap(int width, int height, int upsample)
    {
        var scaled = SsdFaceDetector.Windows(width, height, SsdFaceDetector.SmallestFaceFor(upsample)).Where(w => w.Scaled).ToList();
        Assert.NotEmpty(scaled);
        foreach (var pass in scaled.GroupBy(w => w.Step))
        {
            Assert.All(pass, w =>
            {
                Assert.Equal(0, w.Width % SsdMobilenetNet.SizeStep);
                Assert.Equal(0, w.Height % SsdMobilenetNet.SizeStep);
                Assert.InRange(w.Width, 32, SsdFaceDetector.MaxInputSide);
                Assert.InRange(w.Height, 32, SsdFaceDetector.MaxInputSide);
            });
            // Every photo pixel (sampled) lies in a tile, and where tiles meet they overlap by 160 input pixels or more.
            for (var y = 0.5; y < height; y += height / 37.0)
            for (var x = 0.5; x < width; x += width / 41.0)
                Assert.Contains(pass, w => x >= w.Left && x < w.Right && y >= w.Top && y < w.Bottom);
            var lefts = pass.Select(w => w.Left).Distinct().OrderBy(v => v).ToList();
            for (var i = 1; i < lefts.Count; i++)
            {
                var previous = pass.First(w => w.Left == lefts[i - 1]);
                Assert.True((previous.Right - lefts[i]) / pass.Key >= 160 - 1e-6, $"overlap {(previous.Right - lefts[i]) / pass.Key:F1} input px");
            }
            Assert.Equal(pass.Count() > 1, pass.All(w => w.Tile));
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
