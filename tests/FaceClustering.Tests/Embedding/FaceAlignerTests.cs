using FaceClustering.Core.Embedding;
using FaceClustering.Core.Landmarks;

namespace FaceClustering.Tests.Embedding;

/// <summary>
/// Landmarks to dlib's 150x150 chip through the template's five points; jittered chips (num_jitters) are
/// reproducible by seed, moved slightly, and half of them mirrored.
/// </summary>
public class FaceAlignerTests
{
    private const int Size = FaceAligner.ChipSize;

    /// <summary>Landmarks whose five alignment points sit where the template wants them in a 300-px face at (100, 50).</summary>
    private static FaceLandmarks Landmarks(AlignmentTemplate template)
    {
        var x = new double[68];
        var y = new double[68];
        for (var k = 0; k < 5; k++)
        {
            var index = AlignmentTemplate.LandmarkIndices[k];
            (x[index], y[index]) = (100 + 300 * template.Points[k].X, 50 + 300 * template.Points[k].Y);
        }
        return new FaceLandmarks(x, y);
    }

    [Fact]
    public void A_chip_is_the_template_alignment_of_the_five_points()
    {
        using var image = TestImages.Gradient(600, 500);
        var template = AlignmentTemplate.Calibrated;
        var chip = new float[3 * Size * Size];
        new FaceAligner(template).Chip(image, Landmarks(template), chip);
        var expected = new float[3 * Size * Size];
        Point2d[] points = AlignmentTemplate.LandmarkIndices.Select(i => new Point2d(Landmarks(template).X[i], Landmarks(template).Y[i])).ToArray();
        FaceChipExtractor.Extract(image, points, template.Points, Size, FaceAligner.Padding, expected);
        Assert.Equal(expected, chip);
        Assert.Contains(chip, v => v > 0);
    }

    [Fact]
    public void Jittered_chips_are_reproducible_moved_and_half_of_them_mirrored()
    {
        using var image = TestImages.Noise(600, 500, seed: 3);
        TestImages.FillRect(image, new PixelRect(0, 0, 250, 500), 0, 0, 0); // the face's left part dark
        var aligner = new FaceAligner(AlignmentTemplate.Dlib);
        var landmarks = Landmarks(AlignmentTemplate.Dlib);
        var plain = new float[3 * Size * Size];
        aligner.Chip(image, landmarks, plain);

        var mirrored = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var first = new float[plain.Length];
            var again = new float[plain.Length];
            aligner.Chip(image, landmarks, first, new Random(seed));
            aligner.Chip(image, landmarks, again, new Random(seed));
            Assert.Equal(first, again);
            Assert.NotEqual(plain, first);
            // Mirrored: the dark part is on the right of the chip.
            double Left(float[] c) => Enumerable.Range(0, Size).Sum(r => c.AsSpan(r * Size, Size / 4).ToArray().Sum());
            double Right(float[] c) => Enumerable.Range(0, Size).Sum(r => c.AsSpan(r * Size + Size * 3 / 4, Size / 4).ToArray().Sum());
            if (Left(first) > Right(first)) mirrored++;
        }
        Assert.InRange(mirrored, 4, 16);
    }
}
