namespace FaceClustering.Tests.Imaging;

/// <summary>
/// The common formats as 8-bit BGR, the pixels exactly as encoded (lossless formats), refused with a reason before
/// decoding when over the pixel limit, and a reason rather than an exception for bytes that are no image.
/// </summary>
public class SkiaPhotoDecoderTests
{
    [Theory]
    [InlineData("png")]
    [InlineData("webp")]
    [InlineData("bmp")]
    public void Lossless_formats_decode_to_the_pixels_written(string format)
    {
        using var image = TestImages.Noise(33, 21, seed: 4);
        var bytes = format == "png" ? TestImages.Png(image) : TestImages.Encoded(image, format);
        using var decoded = SkiaPhotoDecoder.TryDecode(bytes, maxPixels: 1_000_000, out var problem);
        Assert.Null(problem);
        Assert.Equal((33, 21), (decoded!.Width, decoded.Height));
        for (var y = 0; y < 21; y++) Assert.True(image.Row(y).SequenceEqual(decoded.Row(y)), $"row {y} differs");
    }

    [Fact]
    public void A_photo_over_the_limit_or_bytes_that_are_no_image_give_a_reason()
    {
        using var image = TestImages.Noise(100, 50, seed: 4);
        Assert.Null(SkiaPhotoDecoder.TryDecode(TestImages.Png(image), maxPixels: 4999, out var problem));
        Assert.Equal(PhotoProblem.TooLarge(100, 50, 4999), problem);
        Assert.Null(SkiaPhotoDecoder.TryDecode("not a photo at all"u8.ToArray(), 1_000_000, out problem));
        Assert.StartsWith("not an image that can be decoded", problem?.Reason);
        Assert.NotNull(SkiaPhotoDecoder.TryDecode(TestImages.Png(image), maxPixels: 5000, out _)); // exactly at the limit
    }
}
