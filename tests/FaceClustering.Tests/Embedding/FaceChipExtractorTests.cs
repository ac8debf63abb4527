using FaceClustering.Core.Embedding;

namespace FaceClustering.Tests.Embedding;

public class FaceChipExtractorTests
{
    [Fact]
    public void Similarity_transform_recovers_rotation_scale_and_shift()
    {
        var angle = 0.3;
        var scale = 1.7;
        Point2d[] from = [new(0, 0), new(10, 0), new(0, 10), new(7, 3), new(2, 9)];
        var to = from.Select(p => new Point2d(
            scale * (Math.Cos(angle) * p.X - Math.Sin(angle) * p.Y) + 5,
            scale * (Math.Sin(angle) * p.X + Math.Cos(angle) * p.Y) - 3)).ToArray();
        var (a, b, tx, ty) = FaceChipExtractor.SimilarityTransform(from, to);
        Assert.Equal(scale * Math.Cos(angle), a, 9);
        Assert.Equal(scale * Math.Sin(angle), b, 9);
        Assert.Equal(5, tx, 9);
        Assert.Equal(-3, ty, 9);
    }

    [Fact]
    public void An_unrotated_unscaled_chip_copies_the_source_pixels()
    {
        // Template points placed so that the chip maps 1:1 onto the image starting at (40, 30).
        using var image = TestImages.Gradient(300, 200);
        const int size = 150;
        const double padding = 0.25;
        Point2d[] template = [new(0.2, 0.3), new(0.8, 0.3), new(0.5, 0.7)];
        // chip position of a template point t is (padding + t) / (1 + 2 padding) * size; the image point is that + offset
        var points = template.Select(t => new Point2d((padding + t.X) / 1.5 * size + 40, (padding + t.Y) / 1.5 * size + 30)).ToArray();
        var chip = new float[3 * size * size];
        FaceChipExtractor.Extract(image, points, template, size, padding, chip);

        // dlib centres the source rectangle on the transform of chip point (75, 75), so chip pixel (x, y) reads
        // image point (40.5 + x, 30.5 + y): on a linear gradient, bilinear sampling gives exactly x + y + 71.
        for (var y = 0; y < size; y += 37)
        for (var x = 0; x < size; x += 29)
        {
            var red = chip[0 * size * size + y * size + x]; // RGB planes: red = BGR channel 2 = (x + y) % 256
            var expected = x + y + 71;
            if (expected % 256 is 0 or 255) continue; // the gradient wraps there
            Assert.Equal(expected % 256, red);
        }
    }

    [Fact]
    public void Pyramid_down_halves_the_image_as_dlib_sizes_it()
    {
        using var image = TestImages.Solid(64, 101, 200);
        using var down = FaceChipExtractor.PyramidDown(image);
        Assert.Equal((101 - 3) / 2, down.Height);
        Assert.Equal((64 - 3) / 2, down.Width);
        // A flat image stays flat: [1 4 6 4 1]^2 sums to 256, and 200 * 256 / 256 = 200.
        Assert.Equal(((byte)200, (byte)200, (byte)200), down[10, 10]);
    }

    [Fact]
    public void A_large_face_is_shrunk_through_the_pyramid_not_aliased()
    {
        // A fine checkerboard (period 2 px) seen through a 4x-shrinking chip must come out as flat grey, as
        // dlib's pyramid filters it; plain bilinear sampling would return pure black and white pixels.
        using var image = new BgrImage(1400, 1400);
        for (var y = 0; y < 1400; y++)
        for (var x = 0; x < 1400; x++)
            image[y, x] = ((x + y) & 1) == 0 ? ((byte)0, (byte)0, (byte)0) : ((byte)255, (byte)255, (byte)255);
        Point2d[] template = [new(0.2, 0.3), new(0.8, 0.3), new(0.5, 0.7)];
        var points = template.Select(t => new Point2d((0.25 + t.X) / 1.5 * 600 + 400, (0.25 + t.Y) / 1.5 * 600 + 400)).ToArray();
        var chip = new float[3 * 150 * 150];
        FaceChipExtractor.Extract(image, points, template, 150, 0.25, chip);
        var middle = chip.AsSpan(75 * 150, 150).ToArray();
        Assert.All(middle, v => Assert.InRange(v, 100, 155));
    }
}
