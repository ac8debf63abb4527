namespace FaceClustering.Tests.Imaging;

public class ImageResizerTests
{
    [Theory]
    [InlineData(40, 30, 2)]
    [InlineData(41, 31, 2)] // sizes that do not divide: partial blocks at the right and bottom
    [InlineData(50, 23, 3)]
    [InlineData(97, 64, 5)]
    [InlineData(20, 20, 1)]
    public void Shrinking_by_a_whole_factor_gives_each_blocks_rounded_mean(int width, int height, int factor)
    {
        using var image = TestImages.Noise(width, height, seed: width * 31 + factor);
        using var small = ImageResizer.ShrinkBy(image, factor);
        Assert.Equal(((int)Math.Round((double)width / factor), (int)Math.Round((double)height / factor)), (small.Width, small.Height));
        for (var y = 0; y < small.Height; y++)
        for (var x = 0; x < small.Width; x++)
        for (var c = 0; c < 3; c++)
        {
            int sum = 0, count = 0;
            for (var yy = y * factor; yy < Math.Min(height, (y + 1) * factor); yy++)
            for (var xx = x * factor; xx < Math.Min(width, (x + 1) * factor); xx++, count++)
                sum += image.Row(yy)[3 * xx + c];
            var expected = (int)Math.Floor((double)sum / count + 0.5);
            Assert.True(expected == small.Row(y)[3 * x + c], $"({x}, {y}) channel {c}: {small.Row(y)[3 * x + c]}, expected {expected}");
        }
    }

    [Fact]
    public void Resizing_keeps_a_flat_image_flat_and_the_same_size_keeps_every_pixel()
    {
        using var flat = TestImages.Solid(123, 77, 10, 150, 240);
        foreach (var (w, h) in new[] { (96, 96), (300, 20), (7, 200) })
        {
            using var resized = new BgrImage(w, h);
            ImageResizer.Resize(flat, resized);
            for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                Assert.Equal(((byte)10, (byte)150, (byte)240), resized[y, x]);
        }
        using var noise = TestImages.Noise(50, 40, seed: 9);
        using var same = new BgrImage(50, 40);
        ImageResizer.Resize(noise, same);
        for (var y = 0; y < 40; y++) Assert.True(noise.Row(y).SequenceEqual(same.Row(y)), $"row {y} changed");
    }

    [Fact]
    public void Halving_by_area_averages_pairs_and_doubling_interpolates_between_pixel_centres()
    {
        using var pair = new BgrImage(2, 1);
        pair[0, 0] = (0, 0, 0);
        pair[0, 1] = (200, 100, 50);
        using var one = new BgrImage(1, 1);
        ImageResizer.Resize(pair, one);
        Assert.Equal(((byte)100, (byte)50, (byte)25), one[0, 0]);
        using var four = new BgrImage(4, 1);
        ImageResizer.Resize(pair, four);
        // Output centres 0.5, 1.5, 2.5, 3.5 sample the input at -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        Assert.Equal([0, 50, 150, 200], Enumerable.Range(0, 4).Select(x => (int)four[0, x].B).ToArray());
    }
}
