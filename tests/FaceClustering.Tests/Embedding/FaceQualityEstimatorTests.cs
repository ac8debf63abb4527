using FaceClustering.Core.Embedding;
using FaceClustering.Core.Landmarks;

namespace FaceClustering.Tests.Embedding;

/// <summary>
/// A chip's sharpness (variance of the Laplacian: 0 for a flat chip, lower once blurred, only the inner face counts)
/// and the head's yaw from the landmarks (0 frontal, +-90 in profile, the sign by which cheek faces the camera).
/// </summary>
public class FaceQualityEstimatorTests
{
    private const int Size = FaceAligner.ChipSize;

    private static float[] Chip(Func<int, int, float> grey)
    {
        var chip = new float[3 * Size * Size];
        for (var r = 0; r < Size; r++)
        for (var c = 0; c < Size; c++)
            for (var p = 0; p < 3; p++) chip[p * Size * Size + r * Size + c] = grey(r, c);
        return chip;
    }

    [Fact]
    public void A_flat_chip_has_no_sharpness_and_blur_lowers_it()
    {
        Assert.Equal(0f, FaceQualityEstimator.Sharpness(Chip((_, _) => 128)));
        var random = new Random(1);
        var noise = new float[Size, Size];
        for (var r = 0; r < Size; r++) for (var c = 0; c < Size; c++) noise[r, c] = random.Next(256);
        var sharp = FaceQualityEstimator.Sharpness(Chip((r, c) => noise[r, c]));
        // A 3x3 box blur of the same noise.
        float Blurred(int r, int c)
        {
            float sum = 0;
            for (var dr = -1; dr <= 1; dr++) for (var dc = -1; dc <= 1; dc++) sum += noise[Math.Clamp(r + dr, 0, Size - 1), Math.Clamp(c + dc, 0, Size - 1)];
            return sum / 9;
        }
        var blurred = FaceQualityEstimator.Sharpness(Chip(Blurred));
        Assert.True(sharp > 10 * blurred, $"sharp {sharp}, blurred {blurred}");
        Assert.True(blurred > 0);
    }

    [Fact]
    public void Only_the_inner_face_counts_not_the_padding()
    {
        // Noise only in the outer sixth (dlib's padding): as flat as a flat chip.
        var random = new Random(2);
        const int margin = Size / 6;
        var border = Chip((r, c) => r < margin - 1 || c < margin - 1 || r > Size - margin || c > Size - margin ? random.Next(256) : 100);
        Assert.Equal(0f, FaceQualityEstimator.Sharpness(border));
    }

    private static FaceLandmarks Face(double noseX)
    {
        var x = new double[68];
        var y = new double[68];
        (x[0], y[0]) = (0, 50);
        (x[16], y[16]) = (100, 50);
        (x[30], y[30]) = (noseX, 50);
        return new FaceLandmarks(x, y);
    }

    [Theory]
    [InlineData(50, 0)]
    [InlineData(100, 90)]  // the nose at the far end of the jaw: profile
    [InlineData(0, -90)]
    [InlineData(75, 30)]   // asin(0.5)
    [InlineData(25, -30)]
    public void Yaw_follows_the_nose_between_the_ends_of_the_jaw(double noseX, double degrees)
        => Assert.Equal(degrees, FaceQualityEstimator.Yaw(Face(noseX)), 3);

    [Fact]
    public void Landmarks_all_in_one_point_give_no_yaw()
        => Assert.Equal(0f, FaceQualityEstimator.Yaw(new FaceLandmarks(new double[68], new double[68])));
}
