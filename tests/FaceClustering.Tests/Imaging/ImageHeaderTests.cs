namespace FaceClustering.Tests.Imaging;

/// <summary>
/// A photo's size from its header alone, in every format the reader parses, as the encoders wrote it; nothing for
/// a format it does not know or a header cut short. (<see cref="ImageHeaderFuzzTests"/>: never more than that.)
/// </summary>
public class ImageHeaderTests
{
    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    [InlineData("bmp")]
    [InlineData("webp")]
    [InlineData("gif")]
    [InlineData("tiff")]
    public void The_size_written_is_the_size_read(string format)
    {
        using var image = TestImages.Noise(123, 45, seed: 2);
        var bytes = format switch
        {
            "png" => TestImages.Png(image),
            "jpeg" => TestImages.Jpeg(image),
            _ => TestImages.Encoded(image, format),
        };
        Assert.Equal((123L, 45L), ImageHeader.TryReadSize(bytes));
        Assert.Null(ImageHeader.TryReadSize(bytes.AsSpan(0, Math.Min(bytes.Length, format == "jpeg" ? 3 : 6))));
    }

    [Fact]
    public void A_bottom_up_bmp_and_a_claimed_size_are_read_as_written_in_64_bits()
    {
        Assert.Equal((16L, 2147483648L), ImageHeader.TryReadSize(TestImages.BmpHeader(16, int.MinValue)));
        Assert.Equal((640L, 480L), ImageHeader.TryReadSize(TestImages.BmpHeader(640, -480))); // top-down rows
    }

    [Fact]
    public void An_unknown_format_gives_nothing()
    {
        Assert.Null(ImageHeader.TryReadSize("hello, world, this is text"u8));
        Assert.Null(ImageHeader.TryReadSize([]));
    }
}
