namespace FaceClustering.Tests.Imaging;

/// <summary>JPEG bytes from BGR pixels: colours in the right channels, smaller at lower quality, a view written as its own image.</summary>
public class JpegWriterTests
{
    [Fact]
    public void The_written_jpeg_decodes_to_the_same_colours()
    {
        using var image = TestImages.Solid(64, 32, 0, 0, 0);
        TestImages.FillRect(image, new PixelRect(0, 0, 32, 32), 200, 30, 10); // blue-ish left
        TestImages.FillRect(image, new PixelRect(32, 0, 32, 32), 10, 30, 200); // red-ish right
        var bytes = JpegWriter.Encode(image, 95);
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        Assert.Equal((64L, 32L), ImageHeader.TryReadSize(bytes));
        var path = Path.Combine(Path.GetTempPath(), $"jw-{Guid.NewGuid():N}.jpg");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var back = TestImages.Read(path);
            var (b, g, r) = TestImages.Mean(back, new PixelRect(4, 4, 24, 24));
            Assert.InRange(b, 195, 205);
            Assert.InRange(g, 25, 35);
            Assert.InRange(r, 5, 15);
            (b, _, r) = TestImages.Mean(back, new PixelRect(36, 4, 24, 24));
            Assert.True(r > 190 && b < 20, $"right half {b}/{r}: channels swapped?");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Lower_quality_is_smaller_and_a_view_is_written_as_its_own_image()
    {
        using var image = TestImages.Noise(200, 100, seed: 5);
        Assert.True(JpegWriter.Encode(image, 50).Length < JpegWriter.Encode(image, 95).Length);
        using var view = image.View(new PixelRect(10, 10, 50, 40));
        Assert.Equal((50L, 40L), ImageHeader.TryReadSize(JpegWriter.Encode(view, 90)));
    }
}
