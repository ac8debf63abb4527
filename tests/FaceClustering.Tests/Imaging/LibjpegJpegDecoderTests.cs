using ImageMagick;
using SkiaSharp;

namespace FaceClustering.Tests.Imaging;

/// <summary>
/// The libjpeg-turbo fast path gives Skia's pixels exactly, whatever the orientation, the chroma subsampling, the
/// size or the encoder that wrote the file; it declines what is not a plain sequential JPEG (progressive, CMYK),
/// which libvips or Skia then decode as before, says "damaged" for corrupt data so that Skia reports it as before,
/// and survives a fatal libjpeg error: the photo is declined and the next one decodes.
/// </summary>
public class LibjpegJpegDecoderTests
{
    [Theory]
    [InlineData(SKJpegEncoderDownsample.Downsample420, 640, 480)]
    [InlineData(SKJpegEncoderDownsample.Downsample422, 333, 251)]
    [InlineData(SKJpegEncoderDownsample.Downsample444, 1201, 803)]
    public void A_jpeg_decodes_to_skias_pixels_at_every_chroma_subsampling(SKJpegEncoderDownsample downsample, int width, int height)
    {
        LibjpegTurboTests.SkipUnlessShipped();
        using var photo = TestImages.NoisyGradient(width, height);
        var jpeg = TestImages.Jpeg(photo, downsample);
        using var stored = new BgrImage(width, height, zeroed: true);
        Assert.Equal(LibjpegJpegDecoder.Result.Decoded, LibjpegJpegDecoder.TryDecodeInto(jpeg, stored));
        using var skia = SkiaPhotoDecoder.TryDecode(jpeg, fastJpegs: false, out var problem);
        Assert.Null(problem);
        PixelAssert.Same(skia!, stored);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(8)]
    public void A_turned_jpeg_comes_out_upright_and_equal_to_skias(int orientation)
    {
        LibjpegTurboTests.SkipUnlessShipped();
        using var photo = TestImages.NoisyGradient(300, 200);
        var jpeg = ExifOrientation.Insert(TestImages.Jpeg(photo, SKJpegEncoderDownsample.Downsample420), (ushort)orientation);
        using var skia = SkiaPhotoDecoder.TryDecode(jpeg, fastJpegs: false, out _)!;
        using (var stored = new BgrImage(300, 200))
            Assert.Equal(LibjpegJpegDecoder.Result.Decoded, LibjpegJpegDecoder.TryDecodeInto(jpeg, stored));
        using var ours = SkiaPhotoDecoder.TryDecode(jpeg, fastJpegs: true, out var problem);
        Assert.Null(problem);
        Assert.Equal(orientation >= 5 ? (200, 300) : (300, 200), (ours!.Width, ours.Height));
        PixelAssert.Same(skia, ours);
    }

    [Fact]
    public void A_grayscale_jpeg_comes_out_as_skias_gray_bgr()
    {
        LibjpegTurboTests.SkipUnlessShipped();
        using var bitmap = new SKBitmap(new SKImageInfo(97, 61, SKColorType.Gray8));
        for (var y = 0; y < 61; y++)
            for (var x = 0; x < 97; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 2 + y), (byte)(x * 2 + y), (byte)(x * 2 + y)));
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        var jpeg = data.ToArray();
        using var stored = new BgrImage(97, 61);
        Assert.Equal(LibjpegJpegDecoder.Result.Decoded, LibjpegJpegDecoder.TryDecodeInto(jpeg, stored));
        using var skia = SkiaPhotoDecoder.TryDecode(jpeg, fastJpegs: false, out _)!;
        PixelAssert.Same(skia, stored);
    }

    [Fact]
    public void A_truncated_jpeg_is_damaged_and_the_reader_reports_it_as_skia_does()
    {
        LibjpegTurboTests.SkipUnlessShipped();
        using var photo = TestImages.NoisyGradient(400, 300);
        var whole = TestImages.Jpeg(photo, SKJpegEncoderDownsample.Downsample420);
        var cut = whole[..(whole.Length / 2)];
        using var stored = new BgrImage(400, 300);
        Assert.Equal(LibjpegJpegDecoder.Result.Damaged, LibjpegJpegDecoder.TryDecodeInto(cut, stored));
        using var skia = SkiaPhotoDecoder.TryDecode(cut, fastJpegs: false, out var skiaProblem);
        using var ours = SkiaPhotoDecoder.TryDecode(cut, fastJpegs: true, out var problem);
        Assert.Equal(skiaProblem?.Reason, problem?.Reason);
        Assert.Equal(skia is null, ours is null);
    }

    [Theory]
    [InlineData("progressive")]
    [InlineData("cmyk")]
    public void A_progressive_or_cmyk_jpeg_is_declined_and_decoded_as_before(string kind)
    {
        LibjpegTurboTests.SkipUnlessShipped();
        using var photo = TestImages.NoisyGradient(1300, 800); // above libvips' floor: a progressive photo goes there
        using var magick = new MagickImage(TestImages.Png(photo));
        if (kind == "progressive") magick.Settings.Interlace = Interlace.Jpeg;
        else magick.ColorSpace = ColorSpace.CMYK;
        magick.Quality = 90;
        var jpeg = magick.ToByteArray(MagickFormat.Jpeg);
        using var stored = new BgrImage(1300, 800);
        Assert.Equal(LibjpegJpegDecoder.Result.Declined, LibjpegJpegDecoder.TryDecodeInto(jpeg, stored));
        using var skia = SkiaPhotoDecoder.TryDecode(jpeg, fastJpegs: false, out _)!;
        using var ours = SkiaPhotoDecoder.TryDecode(jpeg, fastJpegs: true, out var problem);
        Assert.Null(problem);
        PixelAssert.Same(skia, ours!);
    }

    [Fact]
    public void After_a_fatal_libjpeg_error_the_photo_is_declined_and_the_next_one_decodes()
    {
        LibjpegTurboTests.SkipUnlessShipped();
        // Past the check only because it is skipped here; libjpeg stops on it while starting (a 12-bit file would
        // stop only in the rows, on the caller's thread, which the check alone keeps from happening).
        var fatal = new SyntheticJpeg { Components = [(1, 0x11, 1)] }.Build();
        var before = LibjpegJpegDecoder.FatalErrors;
        using (var image = new BgrImage(8, 8))
            Assert.Equal(LibjpegJpegDecoder.Result.Declined, LibjpegJpegDecoder.TryDecodeInto(fatal, image, checkFirst: false));
        Assert.Equal(before + 1, LibjpegJpegDecoder.FatalErrors);
        Assert.Contains("Quantization table", LibjpegJpegDecoder.LastFatalError);
        using (var image = new BgrImage(8, 8))
            Assert.Equal(LibjpegJpegDecoder.Result.Declined, LibjpegJpegDecoder.TryDecodeInto(fatal, image)); // the check's no
        using var gray = new BgrImage(8, 8, zeroed: true);
        Assert.Equal(LibjpegJpegDecoder.Result.Decoded, LibjpegJpegDecoder.TryDecodeInto(new SyntheticJpeg().Build(), gray));
        Assert.Equal(((byte)128, (byte)128, (byte)128), gray[4, 4]);
        Assert.Equal(before + 1, LibjpegJpegDecoder.FatalErrors);
    }

    [Fact]
    public void Decodes_from_several_threads_at_once_each_get_their_own_photo()
    {
        LibjpegTurboTests.SkipUnlessShipped();
        var photos = Enumerable.Range(0, 4).Select(i =>
        {
            using var photo = TestImages.Noise(200 + 16 * i, 150, seed: 20 + i);
            return TestImages.Jpeg(photo, 90);
        }).ToArray();
        var expected = photos.Select(p => SkiaPhotoDecoder.TryDecode(p, fastJpegs: false, out _)!).ToArray();
        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            var i = k % photos.Length;
            using var image = new BgrImage(expected[i].Width, expected[i].Height);
            Assert.Equal(LibjpegJpegDecoder.Result.Decoded, LibjpegJpegDecoder.TryDecodeInto(photos[i], image));
            PixelAssert.Same(expected[i], image);
        });
        foreach (var image in expected) image.Dispose();
    }

    [Fact]
    public void Every_jpeg_of_the_dev_and_lfw_sets_decodes_to_skias_pixels()
    {
        LibjpegTurboTests.SkipUnlessShipped();
        // Photos from cameras, phones and press agencies' encoders; the first 600 of LFW keep the test short.
        var files = Repository.SharedJpegs(lfwLimit: 600);
        var compared = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            if (!SequentialJpegCheck.Accepts(bytes)) continue; // progressive, or a PNG named .jpg
            using var skia = SkiaPhotoDecoder.TryDecode(bytes, fastJpegs: false, out _)!;
            using var codec = SKCodec.Create(SKData.CreateCopy(bytes))!;
            using var stored = new BgrImage(codec.Info.Width, codec.Info.Height);
            Assert.Equal(LibjpegJpegDecoder.Result.Decoded, LibjpegJpegDecoder.TryDecodeInto(bytes, stored));
            using var read = SkiaPhotoDecoder.TryDecode(bytes, fastJpegs: true, out _)!; // turned upright where EXIF says
            PixelAssert.Same(skia, read);
            compared++;
        }
        Assert.True(compared >= files.Count * 3 / 4, $"only {compared} of {files.Count} JPEGs went through the fast path");
    }
}
