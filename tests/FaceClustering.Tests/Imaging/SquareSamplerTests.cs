using FaceClustering.Core.Imaging;
using FaceClustering.Tests.TestSupport;

namespace FaceClustering.Tests.Imaging;

/// <summary>The window sampler: RGB planes out of a BGR image, fill outside it, square and rectangular windows alike.</summary>
public class SquareSamplerTests
{
    [Fact]
    public void A_window_at_step_1_copies_pixels_as_rgb_planes_and_fills_outside()
    {
        using var image = TestImages.Gradient(20, 10);
        var planes = new float[3 * 4 * 6];
        SquareSampler.Sample(image, left: 17, top: 8, step: 1, width: 6, height: 4, planes, fill: 9);
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
        SquareSampler.Sample(image, -20, 30, 250, 64, square, fill: 3);
        SquareSampler.Sample(image, -20, 30, 250 / 64.0, 64, 64, rectangle, fill: 3);
        Assert.Equal(square, rectangle);
        // At half steps, the second output column lies halfway between two columns: bilinear gives their mean
        // (within the window: TensorFlow clamps to its last column, so the window is 2 px wide here).
        var half = new float[3 * 4];
        SquareSampler.Sample(image, 10, 4, 0.5, 4, 1, half);
        Assert.Equal((10 + 4) % 256, half[0]);
        Assert.Equal(((10 + 4) % 256 + (11 + 4) % 256) / 2f, half[1], 3);
    }
}
