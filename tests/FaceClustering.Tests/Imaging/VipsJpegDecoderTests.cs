using System.Diagnostics;
using SkiaSharp;

namespace FaceClustering.Tests.Imaging;

/// <summary>
/// The libvips fast path for large JPEGs gives Skia's pixels exactly, whatever the orientation, the chroma
/// subsampling or the encoder that wrote the file, and hands back what it does not take cleanly (truncated data,
/// grayscale, CMYK), so that Skia decodes or refuses those as before.
/// </summary>
public class VipsJpegDecoderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static void SkipUnlessVips() =>
        Assert.SkipUnless((OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
                          && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64,
            "libvips is shipped for Linux and Windows x64 only; elsewhere Skia decodes every JPEG");

    [Fact]
    public void Libvips_loads_where_it_is_shipped()
    {
        SkipUnlessVips();
        Assert.True(VipsJpegDecoder.Available, "libvips did not load: large JPEGs would silently take Skia's slower path");
    }

    [Theory]
    [InlineData(SKJpegEncoderDownsample.Downsample420)]
    [InlineData(SKJpegEncoderDownsample.Downsample422)]
    [InlineData(SKJpegEncoderDownsample.Downsample444)]
    public void A_large_jpeg_decodes_to_skias_pixels_at_every_chroma_subsampling(SKJpegEncoderDownsample downsample)
    {
        SkipUnlessVips();
        using var photo = TestImages.NoisyGradient(2000, 1200); // 2.4 MP, above the fast path's floor
        var jpeg = TestImages.Jpeg(photo, downsample);
        using var stored = new BgrImage(photo.Width, photo.Height, zeroed: true);
        Assert.True(VipsJpegDecoder.TryDecodeInto(jpeg, stored), "the fast path refused a clean 3-channel JPEG");
        using var skia = SkiaPhotoDecoder.TryDecode(jpeg, fastJpegs: false, out var problem);
        Assert.Null(problem);
        PixelAssert.Same(skia!, stored);
        using var read = PhotoReader.TryRead(Save(jpeg, "photo.jpg"))!;
        PixelAssert.Same(skia!, read);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(8)]
    public void A_turned_large_jpeg_comes_out_upright_and_equal_to_skias(int orientation)
    {
        SkipUnlessVips();
        using var photo = TestImages.NoisyGradient(2000, 1200); // 2.4 MP, above the fast path's floor
        var jpeg = ExifOrientation.Insert(TestImages.Jpeg(photo, SKJpegEncoderDownsample.Downsample420), (ushort)orientation);
        using var skia = SkiaPhotoDecoder.TryDecode(jpeg, fastJpegs: false, out _)!;
        using var ours = SkiaPhotoDecoder.TryDecode(jpeg, fastJpegs: true, out var problem);
        Assert.Null(problem);
        Assert.Equal(orientation >= 5 ? (1200, 2000) : (2000, 1200), (ours!.Width, ours.Height));
        PixelAssert.Same(skia, ours);
    }

    [Fact]
    public void A_truncated_large_jpeg_is_handed_back_and_skia_reports_it_as_before()
    {
        SkipUnlessVips();
        using var photo = TestImages.NoisyGradient(2000, 1200); // 2.4 MP, above the fast path's floor
        var whole = TestImages.Jpeg(photo, SKJpegEncoderDownsample.Downsample420);
        var cut = whole[..(whole.Length / 2)];
        using var stored = new BgrImage(photo.Width, photo.Height);
        Assert.False(VipsJpegDecoder.TryDecodeInto(cut, stored));
        using var skia = SkiaPhotoDecoder.TryDecode(cut, fastJpegs: false, out var skiaProblem);
        using var ours = PhotoReader.TryRead(Save(cut, "cut.jpg"), out var problem);
        Assert.Equal(skiaProblem?.Reason, problem?.Reason);
        Assert.Equal(skia is null, ours is null);
    }

    [Fact]
    public void A_grayscale_or_cmyk_large_jpeg_is_handed_back_to_skia()
    {
        SkipUnlessVips();
        using var photo = TestImages.NoisyGradient(2000, 1200); // 2.4 MP, above the fast path's floor
        var gray = _temp.Combine("gray.jpg");
        using (var bitmap = new SKBitmap(new SKImageInfo(photo.Width, photo.Height, SKColorType.Gray8)))
        {
            bitmap.Erase(new SKColor(90, 90, 90));
            using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
            File.WriteAllBytes(gray, data.ToArray());
        }
        using var stored = new BgrImage(photo.Width, photo.Height);
        Assert.False(VipsJpegDecoder.TryDecodeInto(File.ReadAllBytes(gray), stored));
        using var decoded = PhotoReader.TryRead(gray, out var problem);
        Assert.Null(problem);
        Assert.Equal(((byte)90, (byte)90, (byte)90), decoded![600, 1000]);

        const string convert = "/usr/bin/convert";
        Assert.SkipUnless(File.Exists(convert), "ImageMagick is not installed (apt-get install imagemagick): no CMYK JPEG can be made");
        var png = _temp.Combine("photo.png");
        TestImages.Write(photo, png);
        var cmyk = _temp.Combine("cmyk.jpg");
        using (var process = Process.Start(convert, [png, "-colorspace", "CMYK", cmyk]))
            process.WaitForExit();
        Assert.False(VipsJpegDecoder.TryDecodeInto(File.ReadAllBytes(cmyk), stored));
        using var skia = SkiaPhotoDecoder.TryDecode(File.ReadAllBytes(cmyk), fastJpegs: false, out _)!;
        using var read = PhotoReader.TryRead(cmyk)!;
        PixelAssert.Same(skia, read);
    }

    [Fact]
    public void Every_jpeg_of_the_dev_and_lfw_sets_decodes_to_skias_pixels()
    {
        SkipUnlessVips();
        // Photos from cameras, phones and press agencies' encoders; LFW's are small, so the fast path is called
        // directly (the reader would give them to Skia). The first 300 of LFW keep the test short.
        var files = Repository.SharedJpegs(lfwLimit: 300);
        var compared = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            using var skia = SkiaPhotoDecoder.TryDecode(bytes, fastJpegs: false, out _);
            if (skia is null || !IsUprightJpeg(bytes)) continue; // a PNG named .jpg, or a turned photo
            using var stored = new BgrImage(skia.Width, skia.Height);
            if (!VipsJpegDecoder.TryDecodeInto(bytes, stored)) continue; // grayscale or CMYK: Skia's
            PixelAssert.Same(skia, stored);
            compared++;
        }
        Assert.True(compared >= files.Count * 9 / 10, $"only {compared} of {files.Count} JPEGs went through the fast path");
    }

    private static bool IsUprightJpeg(byte[] bytes)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(bytes));
        return codec?.EncodedFormat == SKEncodedImageFormat.Jpeg && codec.EncodedOrigin == SKEncodedOrigin.TopLeft;
    }

    private string Save(byte[] bytes, string name)
    {
        var path = _temp.Combine(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
