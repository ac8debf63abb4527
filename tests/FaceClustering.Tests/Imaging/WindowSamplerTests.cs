namespace FaceClustering.Tests.Imaging;

/// <summary>The window sampler: RGB planes out of a BGR image, fill outside it, square and rectangular windows alike.</summary>
public class WindowSamplerTests
{
    [Fact]
    public void A_window_at_step_1_copies_pixels_as_rgb_planes_and_fills_outside()
    {
        using var image = TestImages.Gradient(20, 10);
        var planes = new float[3 * 4 * 6];
        WindowSampler.Sample(image, left: 17, top: 8, step: 1, width: 6, height: 4, planes, fill: 9);
        for (var y = 0; y < 4; y++)
        for (var x = 0; x < 6; x++)
        {
            var (sx, sy) = (17 + x, 8 + y);
            var inside = sx < 20 && sy < 10;
            Assert.Equal(inside ? (sx + sy) % 256 : 9, planes[y * 6 + x]); // R
            Assert.Equal(inside ? sy % 256 : 9, planes[24 + y * 6 + x]); // G
            Assert.Equal(inside ? sx % 256 : 9, planes[48 + y * 6 + x]); // B
        }
    }

    [Fact]
    public void A_square_window_reads_the_same_through_either_overload()
    {
        using var image = TestImages.Gradient(300, 200);
        var square = new float[3 * 64 * 64];
        var rectangle = new float[3 * 64 * 64];
        WindowSampler.Sample(image, -20, 30, 250, 64, square, fill: 3);
        WindowSampler.Sample(image, -20, 30, 250 / 64.0, 64, 64, rectangle, fill: 3);
        Assert.Equal(square, rectangle);
        // At half steps, the second output column lies halfway between two columns: bilinear gives their mean
        // (within the window: TensorFlow clamps to its last column, so the window is 2 px wide here).
        var half = new float[3 * 4];
        WindowSampler.Sample(image, 10, 4, 0.5, 4, 1, half);
        Assert.Equal((10 + 4) % 256, half[0]);
        Assert.Equal(((10 + 4) % 256 + (11 + 4) % 256) / 2f, half[1], 3);
    }

    [Theory]
    [InlineData(1.3333, -7.5, -3.25)] // the scaled pass's step, a window over the top left edges
    [InlineData(0.75, 40.2, 10.9)] // enlarging, inside
    [InlineData(2.6, 100, 50)] // shrinking, past the right and bottom edges
    public void Every_pixel_is_tensorflows_bilinear_of_the_four_around_it(double step, double left, double top)
    {
        // Random pixels, so that each channel and column reads differently; wide enough for the 8-column path.
        using var image = TestImages.Noise(91, 57, seed: 5);
        const int width = 70, height = 33;
        const float fill = 17;
        var planes = new float[3 * width * height];
        WindowSampler.Sample(image, left, top, step, width, height, planes, fill);

        var lastX = (int)Math.Ceiling(width * step) - 1;
        var lastY = (int)Math.Ceiling(height * step) - 1;
        float Pixel(int column, int row, int channel) =>
            (uint)column < (uint)image.Width && (uint)row < (uint)image.Height ? image.Row(row)[3 * column + channel] : fill;
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var (j, i) = ((int)Math.Floor(y * step), (int)Math.Floor(x * step));
            var (wy, wx) = ((float)(y * step - j), (float)(x * step - i));
            var (r0, r1) = ((int)Math.Floor(top) + j, (int)Math.Floor(top) + Math.Min(j + 1, lastY));
            var (c0, c1) = ((int)Math.Floor(left) + i, (int)Math.Floor(left) + Math.Min(i + 1, lastX));
            for (var plane = 0; plane < 3; plane++)
            {
                var channel = 2 - plane; // RGB planes from BGR pixels
                var upper = Pixel(c0, r0, channel) + (Pixel(c1, r0, channel) - Pixel(c0, r0, channel)) * wx;
                var lower = Pixel(c0, r1, channel) + (Pixel(c1, r1, channel) - Pixel(c0, r1, channel)) * wx;
                Assert.Equal(upper + (lower - upper) * wy, planes[(plane * height + y) * width + x]);
            }
        }
    }
}
