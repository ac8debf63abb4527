namespace FaceClustering.Tests.Imaging;

/// <summary>
/// Mutants of JPEGs through the reader's JPEG paths under <see cref="Fuzzer"/>: whatever the check lets through to
/// libjpeg-turbo must end in pixels or a warning, never in one of libjpeg's fatal errors (each would cost a parked
/// thread, see LibjpegTurbo), and the reader gives an image or a reason. (Fatal errors are told apart by the
/// decoder's answer, not its counter, which another test raises on purpose.)
/// </summary>
public sealed class SequentialJpegCheckFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void No_mutant_the_check_takes_makes_libjpeg_fail()
    {
        using var noise = TestImages.Noise(48, 40, seed: 11);
        var originals = new[]
        {
            TestImages.Jpeg(noise, 90),
            ExifOrientation.Insert(TestImages.Jpeg(noise, 60), 6),
            new SyntheticJpeg { Components = [(1, 0x22, 0), (2, 0x11, 0), (3, 0x11, 0)] }.Build(),
        };
        var taken = 0;
        var k = 0;
        foreach (var original in originals)
            Fuzzer.Run($"JPEG check and libjpeg ({k})", original, 40 + k++, output, _temp.Combine("crash.jpg"), bytes =>
            {
                // What the check takes is decoded or damaged: declined after the check only on a fatal error.
                if (SequentialJpegCheck.Accepts(bytes) && ImageHeader.TryReadSize(bytes) is var (width, height)
                    && width * height <= 1 << 22)
                {
                    taken++;
                    using var stored = new BgrImage((int)width, (int)height);
                    Assert.True(LibjpegJpegDecoder.TryDecodeInto(bytes, stored) != LibjpegJpegDecoder.Result.Declined,
                        $"libjpeg raised a fatal error the check let through: {LibjpegJpegDecoder.LastFatalError}");
                }
                using var image = SkiaPhotoDecoder.TryDecode(bytes, fastJpegs: true, out var problem);
                Assert.True(image is not null || problem is not null, "neither an image nor a reason");
            }, share: 0.5 / originals.Length);
        output.WriteLine($"{taken} mutants went to libjpeg");
        Assert.True(taken > 0, "no mutant reached libjpeg");
    }
}
