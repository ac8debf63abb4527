using System.Diagnostics;
using FaceClustering.Core.Imaging;
using FaceClustering.Tests.TestSupport;
using OpenCvSharp;

namespace FaceClustering.Tests.Imaging;

/// <summary>Photos are decoded by content into 8-bit BGR, whatever their depth, channels or orientation.</summary>
public class PhotoReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Exif_orientation_is_applied()
    {
        // A 60x40 JPEG whose EXIF says "rotate 90 degrees clockwise to view": it must come out 40x60.
        using var image = new Mat(40, 60, MatType.CV_8UC3, new Scalar(0, 0, 255));
        image.Rectangle(new Rect(0, 0, 10, 10), new Scalar(255, 0, 0), -1); // a blue mark top-left
        Cv2.ImEncode(".jpg", image, out var jpeg);
        var path = _temp.Combine("rotated.jpg");
        File.WriteAllBytes(path, WithExifOrientation(jpeg, 6));

        using var decoded = PhotoReader.TryRead(path, out var problem);
        Assert.Null(problem);
        Assert.Equal(40, decoded!.Width);
        Assert.Equal(60, decoded.Height);
        Assert.True(decoded.Get<Vec3b>(3, 36).Item0 > 200); // the mark is now top-right
    }

    [Fact]
    public void Sixteen_bit_grayscale_and_alpha_images_become_8_bit_bgr()
    {
        using var deep = new Mat(30, 20, MatType.CV_16UC3, new Scalar(65535, 32768, 0));
        using var gray = new Mat(30, 20, MatType.CV_8UC1, Scalar.All(77));
        using var alpha = new Mat(30, 20, MatType.CV_8UC4, new Scalar(10, 20, 30, 0));
        Cv2.ImWrite(_temp.Combine("deep.png"), deep);
        Cv2.ImWrite(_temp.Combine("gray.png"), gray);
        Cv2.ImWrite(_temp.Combine("alpha.png"), alpha);

        using var a = PhotoReader.TryRead(_temp.Combine("deep.png"))!;
        Assert.Equal(MatType.CV_8UC3, a.Type());
        Assert.Equal(new Vec3b(255, 128, 0), a.Get<Vec3b>(5, 5));
        using var b = PhotoReader.TryRead(_temp.Combine("gray.png"))!;
        Assert.Equal(new Vec3b(77, 77, 77), b.Get<Vec3b>(5, 5));
        using var c = PhotoReader.TryRead(_temp.Combine("alpha.png"))!;
        Assert.Equal(new Vec3b(10, 20, 30), c.Get<Vec3b>(5, 5));
    }

    [Fact]
    public void A_png_named_jpg_and_a_cmyk_jpeg_are_read_by_content()
    {
        using var image = new Mat(30, 20, MatType.CV_8UC3, new Scalar(200, 100, 50));
        Cv2.ImWrite(_temp.Combine("real.png"), image);
        File.Move(_temp.Combine("real.png"), _temp.Combine("named.jpg"));
        using var png = PhotoReader.TryRead(_temp.Combine("named.jpg"))!;
        Assert.Equal(new Vec3b(200, 100, 50), png.Get<Vec3b>(5, 5));

        const string convert = "/usr/bin/convert";
        Assert.SkipUnless(File.Exists(convert), "ImageMagick is not installed (apt-get install imagemagick): no CMYK JPEG can be made");
        Cv2.ImWrite(_temp.Combine("rgb.png"), image);
        using (var process = Process.Start(convert, [_temp.Combine("rgb.png"), "-colorspace", "CMYK", _temp.Combine("cmyk.jpg")]))
            process.WaitForExit();
        using var cmyk = PhotoReader.TryRead(_temp.Combine("cmyk.jpg"), out var problem);
        Assert.Null(problem);
        var pixel = cmyk!.Get<Vec3b>(5, 5);
        Assert.InRange(pixel.Item0, 180, 220);
        Assert.InRange(pixel.Item1, 80, 120);
        Assert.InRange(pixel.Item2, 30, 70);
    }

    [Theory]
    [InlineData("empty", "empty file")]
    [InlineData("text", "not an image that can be decoded")]
    [InlineData("truncated", "not an image that can be decoded")]
    public void Unreadable_files_give_a_reason(string kind, string reason)
    {
        var path = _temp.Combine(kind + ".jpg");
        using var image = new Mat(64, 64, MatType.CV_8UC3, Scalar.All(128));
        Cv2.ImEncode(".jpg", image, out var jpeg);
        File.WriteAllBytes(path, kind switch
        {
            "empty" => [],
            "text" => "hello"u8.ToArray(),
            _ => jpeg[..20],
        });
        Assert.Null(PhotoReader.TryRead(path, out var problem));
        Assert.StartsWith(reason, problem);
    }

    /// <summary>Inserts a minimal EXIF segment (one Orientation tag) after the JPEG's SOI marker.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, // Orientation, SHORT, 1
            0, 0, 0, 0, // no next IFD
        ];
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }
}
