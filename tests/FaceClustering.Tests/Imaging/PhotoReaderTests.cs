using System.Diagnostics;

namespace FaceClustering.Tests.Imaging;

/// <summary>Photos are decoded by content into 8-bit BGR, whatever their depth, channels or orientation.</summary>
public class PhotoReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(1, 60, 40, 5, 5)]
    [InlineData(2, 60, 40, 54, 5)] // mirrored
    [InlineData(3, 60, 40, 54, 34)] // turned 180°
    [InlineData(4, 60, 40, 5, 34)] // mirrored vertically
    [InlineData(5, 40, 60, 5, 5)] // transposed
    [InlineData(6, 40, 60, 34, 5)] // "rotate 90° clockwise to view"
    [InlineData(7, 40, 60, 34, 54)] // transversed
    [InlineData(8, 40, 60, 5, 54)] // "rotate 90° counter-clockwise to view"
    public void Exif_orientation_is_applied(int orientation, int width, int height, int markX, int markY)
    {
        // A 60x40 red JPEG with a blue 10x10 mark top-left, and an EXIF orientation: the photo comes out upright.
        using var image = TestImages.Solid(60, 40, 0, 0, 255);
        TestImages.FillRect(image, new PixelRect(0, 0, 10, 10), 255, 0, 0);
        var path = _temp.Combine("rotated.jpg");
        File.WriteAllBytes(path, ExifOrientation.Insert(TestImages.Jpeg(image), (ushort)orientation));

        using var decoded = PhotoReader.TryRead(path, out var problem);
        Assert.Null(problem);
        Assert.Equal((width, height), (decoded!.Width, decoded.Height));
        Assert.True(decoded[markY, markX].B > 200, $"no mark at ({markX}, {markY})");
        Assert.True(decoded[height - 1 - markY, width - 1 - markX].R > 200, "the opposite corner is not red");
    }

    [Fact]
    public void Sixteen_bit_grayscale_and_alpha_images_become_8_bit_bgr()
    {
        using var colour = TestImages.Solid(20, 30, 255, 128, 0);
        File.WriteAllBytes(_temp.Combine("deep.png"), TestImages.SixteenBitPng(colour));
        File.WriteAllBytes(_temp.Combine("gray.png"), TestImages.GrayPng(TestImages.Solid(20, 30, 77)));
        File.WriteAllBytes(_temp.Combine("alpha.png"), TestImages.PngWithAlpha(TestImages.Solid(20, 30, 10, 20, 30), 0));

        using var a = PhotoReader.TryRead(_temp.Combine("deep.png"))!;
        Assert.Equal(((byte)255, (byte)128, (byte)0), a[5, 5]);
        using var b = PhotoReader.TryRead(_temp.Combine("gray.png"))!;
        Assert.Equal(((byte)77, (byte)77, (byte)77), b[5, 5]);
        using var c = PhotoReader.TryRead(_temp.Combine("alpha.png"))!; // fully transparent: the stored colour, not black
        Assert.Equal(((byte)10, (byte)20, (byte)30), c[5, 5]);
    }

    [Fact]
    public void A_png_named_jpg_and_a_cmyk_jpeg_are_read_by_content()
    {
        using var image = TestImages.Solid(20, 30, 200, 100, 50);
        File.WriteAllBytes(_temp.Combine("named.jpg"), TestImages.Png(image));
        using var png = PhotoReader.TryRead(_temp.Combine("named.jpg"))!;
        Assert.Equal(((byte)200, (byte)100, (byte)50), png[5, 5]);

        const string convert = "/usr/bin/convert";
        Assert.SkipUnless(File.Exists(convert), "ImageMagick is not installed (apt-get install imagemagick): no CMYK JPEG can be made");
        TestImages.Write(image, _temp.Combine("rgb.png"));
        using (var process = Process.Start(convert, [_temp.Combine("rgb.png"), "-colorspace", "CMYK", _temp.Combine("cmyk.jpg")]))
            process.WaitForExit();
        using var cmyk = PhotoReader.TryRead(_temp.Combine("cmyk.jpg"), out var problem);
        Assert.Null(problem);
        var pixel = cmyk![5, 5];
        Assert.InRange(pixel.B, 180, 220);
        Assert.InRange(pixel.G, 80, 120);
        Assert.InRange(pixel.R, 30, 70);
    }

    [Theory]
    [InlineData("webp")]
    [InlineData("bmp")]
    [InlineData("gif")]
    [InlineData("tiff")]
    public void Webp_bmp_gif_and_tiff_are_read(string format)
    {
        // Written by Magick.NET (a different library from the one that reads each of them but TIFF).
        using var image = TestImages.Solid(24, 16, 40, 120, 220);
        var path = _temp.Combine("photo." + format);
        File.WriteAllBytes(path, TestImages.Encoded(image, format));
        using var decoded = PhotoReader.TryRead(path, out var problem);
        Assert.Null(problem);
        Assert.Equal((24, 16), (decoded!.Width, decoded.Height));
        var (b, g, r) = decoded[8, 12];
        var tolerance = format == "gif" ? 12 : 4; // GIF's palette, WebP's lossy coding
        Assert.InRange(b, 40 - tolerance, 40 + tolerance);
        Assert.InRange(g, 120 - tolerance, 120 + tolerance);
        Assert.InRange(r, 220 - tolerance, 220 + tolerance);
    }

    [Fact]
    public async Task A_fifo_or_a_device_named_like_a_photo_is_refused_unopened()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "FIFOs and /dev/zero are Linux's");
        var fifo = _temp.Combine("x.jpg");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        foreach (var path in new[] { fifo, "/dev/zero" })
        {
            // Opening a FIFO without a writer blocks forever, and /dev/zero never ends.
            var cancel = TestContext.Current.CancellationToken;
            var (image, problem) = await Task.Run(() => (PhotoReader.TryRead(path, out var p), p), cancel)
                .WaitAsync(TimeSpan.FromSeconds(30), cancel); // a TimeoutException if it blocked
            Assert.Null(image);
            Assert.StartsWith("empty file, or not a regular file", problem?.Reason);
        }
    }

    [Theory]
    [InlineData("empty", "empty file")]
    [InlineData("text", "not an image that can be decoded")]
    [InlineData("truncated", "not an image that can be decoded")]
    public void Unreadable_files_give_a_reason(string kind, string reason)
    {
        var path = _temp.Combine(kind + ".jpg");
        using var image = TestImages.Solid(64, 64, 128);
        var jpeg = TestImages.Jpeg(image);
        File.WriteAllBytes(path, kind switch
        {
            "empty" => [],
            "text" => "hello"u8.ToArray(),
            _ => jpeg[..20],
        });
        Assert.Null(PhotoReader.TryRead(path, out var problem));
        Assert.StartsWith(reason, problem?.Reason);
    }

    [Fact]
    public void An_icon_whose_picture_claims_a_gigantic_size_is_refused_before_decoding()
    {
        // ICO (whose header the reader does not parse) around a PNG claiming 30000x30000: the codec's reported size
        // is checked before any pixel is allocated (900 MP would be 2.7 GB).
        var png = Encode.BombTests.Png(30000, 30000, Encode.BombTests.Zeros(256));
        byte[] entry = [0, 0, 0, 0, 1, 0, 32, 0, .. BitConverter.GetBytes(png.Length), .. BitConverter.GetBytes(22)];
        byte[] ico = [0, 0, 1, 0, 1, 0, .. entry, .. png];
        var path = _temp.Combine("huge.ico");
        File.WriteAllBytes(path, ico);
        Assert.Null(ImageHeader.TryReadSize(ico)); // the header reader does not know ICO: the codec's size must be checked
        Assert.Null(PhotoReader.TryRead(path, out var problem));
        Assert.StartsWith("too large to decode (30000x30000 pixels", problem?.Reason);
    }

    [Theory]
    [InlineData(int.MinValue, 16)]
    [InlineData(16, int.MinValue)]
    [InlineData(int.MaxValue, -int.MaxValue)]
    public void A_bmp_header_with_an_absurd_size_is_refused_with_a_reason_not_a_crash(int width, int height)
    {
        var bmp = TestImages.BmpHeader(width, height);
        var path = _temp.Combine("absurd.bmp");
        File.WriteAllBytes(path, bmp);
        Assert.Null(PhotoReader.TryRead(path, out var problem));
        Assert.StartsWith("too large to decode", problem?.Reason);
    }
}
