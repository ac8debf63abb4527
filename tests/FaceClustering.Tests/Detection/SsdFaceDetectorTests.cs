using FaceClustering.Core.Detection;

namespace FaceClustering.Tests.Detection;

/// <summary>
/// The cnn detector's passes: the whole photo and two close-up canvases at 512 px, and the photo scaled so the
/// smallest face sought is 30 px, in one input (tiled only past 2048 px), halving until the whole photo takes over.
/// </summary>
public class SsdFaceDetectorTests
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

    [Theory]
    [InlineData(1920, 1280, 1)]
    [InlineData(4000, 3000, 0)]
    [InlineData(4000, 3000, 1)]
    [InlineData(3000, 4000, 2)]
    [InlineData(640, 480, 1)]
    [InlineData(300, 200, 2)]
    [InlineData(12000, 800, 1)]
    public void Every_face_size_from_the_smallest_sought_to_the_whole_photo_is_covered_by_some_pass(int width, int height, int upsample)
    {
        var smallest = SsdFaceDetector.SmallestFaceFor(upsample);
        var windows = SsdFaceDetector.Windows(width, height, smallest);
        // A pass finds faces from SmallestFaceAtInput input pixels; a scaled pass is relied on up to LargestFaceAtInput
        // (a coarser one takes over), and a close-up only looks for faces of MinFace or more.
        bool Covers(SsdFaceDetector.Window w, double face) =>
            face >= w.MinFace && face >= SsdFaceDetector.SmallestFaceAtInput * w.Step * (1 - 1e-9)
            && (!w.Scaled || face <= SsdFaceDetector.LargestFaceAtInput * w.Step * (1 + 1e-9));
        var longSide = Math.Max(width, height);
        for (var face = Math.Min(smallest, longSide); face <= longSide; face *= 1.02)
            Assert.True(windows.Any(w => Covers(w, face)), $"no pass finds a {face:F0}-px face in a {width}x{height} photo (upsample {upsample})");
    }

    [Fact]
    public void A_photo_whose_finest_scale_fits_one_input_is_not_tiled()
    {
        var windows = SsdFaceDetector.Windows(1920, 1280, SsdFaceDetector.SmallestFaceFor(1));
        Assert.All(windows.Where(w => w.Scaled), w =>
        {
            Assert.False(w.Tile);
            Assert.True(w.Width * w.Step >= 1920 && w.Height * w.Step >= 1280, "one input holds the whole photo");
        });
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
