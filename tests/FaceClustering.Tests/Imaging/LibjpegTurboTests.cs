using System.Runtime.InteropServices;

namespace FaceClustering.Tests.Imaging;

/// <summary>
/// libjpeg-turbo's API as Magick.Native exports it: it loads on Linux x64, decodes into BGR rows, counts warnings
/// instead of printing them, and a fatal error reaches our handler, which reports libjpeg's message and keeps the
/// decoding thread from ever returning into libjpeg (the process goes on).
/// </summary>
public class LibjpegTurboTests
{
    internal static void SkipUnlessShipped() =>
        Assert.SkipUnless(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64,
            "Magick.Native exports libjpeg-turbo's API on Linux x64 only; elsewhere libvips and Skia decode JPEGs");

    /// <summary>Both halves of a decode on this thread: the header, then the rows.</summary>
    private static unsafe LibjpegTurbo.Outcome Decode(byte[] jpeg, BgrImage image, Action<string> onFatal)
    {
        fixed (byte* data = jpeg)
        {
            var outcome = LibjpegTurbo.Start(data, jpeg.Length, image.Width, image.Height, onFatal, out var decoder);
            return outcome == LibjpegTurbo.Outcome.Decoded
                ? LibjpegTurbo.ReadRows(decoder, image.DataPointer, image.Stride, image.Height, onFatal)
                : outcome;
        }
    }

    [Fact]
    public void The_api_loads_where_it_is_shipped()
    {
        SkipUnlessShipped();
        Assert.True(LibjpegTurbo.Available, "libjpeg-turbo's API did not load from Magick.Native: JPEGs would take slower paths");
    }

    [Fact]
    public void A_gray_block_decodes_to_gray_bgr_and_a_photo_to_the_pixels_skia_gives()
    {
        SkipUnlessShipped();
        using var gray = new BgrImage(8, 8, zeroed: true);
        Assert.Equal(LibjpegTurbo.Outcome.Decoded, Decode(new SyntheticJpeg().Build(), gray, _ => { }));
        for (var y = 0; y < 8; y++) Assert.All(gray.Row(y).ToArray(), v => Assert.Equal(128, v));

        using var noise = TestImages.Noise(101, 77, seed: 5); // sizes that are not whole blocks or MCUs
        var jpeg = TestImages.Jpeg(noise, 85);
        using var skia = SkiaPhotoDecoder.TryDecode(jpeg, fastJpegs: false, out _)!;
        using var ours = new BgrImage(101, 77, zeroed: true);
        Assert.Equal(LibjpegTurbo.Outcome.Decoded, Decode(jpeg, ours, _ => { }));
        PixelAssert.Same(skia, ours);
    }

    [Fact]
    public void Damaged_data_and_a_size_other_than_expected_are_warnings_not_pixels()
    {
        SkipUnlessShipped();
        using var noise = TestImages.Noise(64, 64, seed: 6);
        var jpeg = TestImages.Jpeg(noise, 90);
        using var image = new BgrImage(64, 64);
        Assert.Equal(LibjpegTurbo.Outcome.Warned, Decode(jpeg[..(jpeg.Length * 2 / 3)], image, _ => { }));
        using var wrongSize = new BgrImage(64, 63);
        Assert.Equal(LibjpegTurbo.Outcome.Warned, Decode(jpeg, wrongSize, _ => { }));
    }

    [Theory]
    [InlineData("12-bit")]
    [InlineData("quant table missing")]
    [InlineData("code of all ones")]
    public void A_fatal_error_is_reported_and_its_thread_never_returns_into_libjpeg(string change)
    {
        SkipUnlessShipped();
        var jpeg = new SyntheticJpeg();
        switch (change)
        {
            case "12-bit": jpeg.Precision = 12; break;
            case "quant table missing": jpeg.Components = [(1, 0x11, 1)]; break;
            default: jpeg.DcCounts[0] = 2; jpeg.DcSymbols = [0, 1]; break;
        }
        var bytes = jpeg.Build();
        Assert.False(SequentialJpegCheck.Accepts(bytes)); // what the check is for
        string? message = null;
        var reported = new ManualResetEventSlim();
        var returned = false;
        var image = new BgrImage(8, 8); // left to the parked thread: never freed
        var thread = new Thread(() =>
        {
            Decode(bytes, image, m => { message = m; reported.Set(); });
            returned = true;
        }) { IsBackground = true };
        thread.Start();
        Assert.True(reported.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), "libjpeg's fatal error never reached the handler");
        Assert.False(thread.Join(TimeSpan.FromMilliseconds(300)));
        Assert.False(returned);
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Matches(change switch
        {
            "12-bit" => "precision",
            "quant table missing" => "[Qq]uantization table",
            _ => "Huffman table",
        }, message);
    }
}
