namespace FaceClustering.Tests.Imaging;

/// <summary>The formats Skia lacks, recognised by their first bytes (HEIF brands, TIFF byte orders) and decoded within the pixel limit.</summary>
public class MagickPhotoDecoderTests
{
    private static byte[] Ftyp(string brand) => [0, 0, 0, 24, .. "ftyp"u8, .. System.Text.Encoding.ASCII.GetBytes(brand), 0, 0, 0, 0];

    [Theory]
    [InlineData("heic", true)]
    [InlineData("mif1", true)]
    [InlineData("avif", true)]
    [InlineData("isom", false)] // an MP4 video
    [InlineData("qt  ", false)]
    public void Heif_is_known_by_its_brand(string brand, bool heif)
    {
        Assert.Equal(heif, MagickPhotoDecoder.IsHeif(Ftyp(brand)));
        Assert.Equal(heif, MagickPhotoDecoder.Handles(Ftyp(brand)));
    }

    [Fact]
    public void Tiff_is_known_in_both_byte_orders_and_big_tiff_and_nothing_else_is_taken()
    {
        Assert.True(MagickPhotoDecoder.IsTiff("II*\0"u8));
        Assert.True(MagickPhotoDecoder.IsTiff("MM\0*"u8));
        Assert.True(MagickPhotoDecoder.IsTiff("II+\0"u8));
        Assert.False(MagickPhotoDecoder.IsTiff("II"u8));
        using var image = TestImages.Noise(8, 8, seed: 1);
        Assert.False(MagickPhotoDecoder.Handles(TestImages.Png(image)));
        Assert.False(MagickPhotoDecoder.Handles(TestImages.Jpeg(image)));
    }

    [Fact]
    public void A_tiff_decodes_to_its_pixels_and_one_over_the_limit_is_refused()
    {
        using var image = TestImages.Noise(40, 30, seed: 8);
        var tiff = TestImages.Encoded(image, "tiff");
        using var decoded = MagickPhotoDecoder.TryDecode(tiff, maxPixels: 10_000_000, out var problem);
        Assert.Null(problem);
        Assert.NotNull(decoded);
        for (var y = 0; y < 30; y++) Assert.True(image.Row(y).SequenceEqual(decoded!.Row(y)), $"row {y} differs");

        Assert.Null(MagickPhotoDecoder.TryDecode(tiff, maxPixels: 1000, out problem));
        Assert.StartsWith("too large to decode (40x30 pixels", problem?.Reason);
        Assert.Null(MagickPhotoDecoder.TryDecode([.. "II*\0"u8, 1, 2, 3], 10_000_000, out problem));
        Assert.NotNull(problem);
    }
}
