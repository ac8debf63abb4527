using SkiaSharp;

namespace FaceClustering.Tests.Imaging;

/// <summary>
/// The check in front of libjpeg-turbo's API takes plain sequential JPEGs as encoders write them and refuses, one
/// field at a time, each thing on which libjpeg would stop with a fatal error, and the unusual kinds that other
/// decoders should have.
/// </summary>
public class SequentialJpegCheckTests
{
    [Fact]
    public void Jpegs_as_encoders_write_them_are_taken()
    {
        using var noise = TestImages.Noise(64, 48, seed: 3);
        Assert.True(SequentialJpegCheck.Accepts(TestImages.Jpeg(noise, 90)));
        foreach (var downsample in new[] { SKJpegEncoderDownsample.Downsample420, SKJpegEncoderDownsample.Downsample422,
                     SKJpegEncoderDownsample.Downsample444 })
            Assert.True(SequentialJpegCheck.Accepts(TestImages.Jpeg(noise, downsample)), downsample.ToString());
        Assert.True(SequentialJpegCheck.Accepts(ExifOrientation.Insert(TestImages.Jpeg(noise, 90), 6)), "with EXIF");
        Assert.True(SequentialJpegCheck.Accepts(new SyntheticJpeg().Build()), "the synthetic gray block");
    }

    [Fact]
    public void Every_sequential_jpeg_of_the_dev_and_lfw_sets_is_taken_and_only_progressive_ones_are_not()
    {
        var files = Repository.SharedJpegs();
        var refused = new List<string>();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            if (bytes.Length < 2 || bytes[0] != 0xFF || bytes[1] != 0xD8) continue; // a PNG named .jpg
            if (!SequentialJpegCheck.Accepts(bytes) && !Progressive(bytes)) refused.Add(Path.GetFileName(file));
        }
        Assert.True(refused.Count == 0, $"sequential JPEGs refused: {string.Join(", ", refused)}");
        Assert.True(files.Count < 100 || files.Count(f => SequentialJpegCheck.Accepts(File.ReadAllBytes(f))) >= files.Count * 9 / 10);
    }

    /// <summary>A progressive frame header (SOF2) among the segments before the first scan.</summary>
    private static bool Progressive(byte[] bytes)
    {
        for (var i = 2; i + 3 < bytes.Length && bytes[i] == 0xFF && bytes[i + 1] != 0xDA; i += 2 + (bytes[i + 2] << 8 | bytes[i + 3]))
            if (bytes[i + 1] == 0xC2) return true;
        return false;
    }

    public static TheoryData<string> Refused =>
    [
        "progressive", "arithmetic", "12-bit", "2 components", "sampling 5", "fractional sampling", "too many blocks",
        "duplicate component", "quant table 4", "quant table missing", "DC table missing", "AC table index 4",
        "DC symbol 16", "code of all ones", "empty table", "Se 62", "scan of one of three components", "DRI length",
        "unknown marker", "second SOI", "stray byte", "segment past the end", "no SOI", "EOI before the scan",
    ];

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_libjpeg_would_stop_on_or_other_decoders_should_have_is_refused(string change)
    {
        var jpeg = new SyntheticJpeg();
        byte[]? bytes = null;
        switch (change)
        {
            case "progressive": jpeg.FrameMarker = 0xC2; break;
            case "arithmetic": jpeg.FrameMarker = 0xC9; break;
            case "12-bit": jpeg.Precision = 12; break;
            case "2 components": jpeg.Components = [(1, 0x11, 0), (2, 0x11, 0)]; break;
            case "sampling 5": jpeg.Components = [(1, 0x51, 0)]; break;
            case "fractional sampling": jpeg.Components = [(1, 0x31, 0), (2, 0x21, 0), (3, 0x11, 0)]; break;
            case "too many blocks": jpeg.Components = [(1, 0x44, 0), (2, 0x11, 0), (3, 0x11, 0)]; break;
            case "duplicate component": jpeg.Components = [(1, 0x22, 0), (1, 0x11, 0), (3, 0x11, 0)]; break;
            case "quant table 4": jpeg.QuantId = 4; jpeg.Components = [(1, 0x11, 4)]; break;
            case "quant table missing": jpeg.Components = [(1, 0x11, 1)]; break;
            case "DC table missing": jpeg.ScanTables = 0x10; break;
            case "AC table index 4": jpeg.ScanTables = 0x04; break;
            case "DC symbol 16": jpeg.DcSymbols = [16]; break;
            case "code of all ones": jpeg.DcCounts[0] = 2; jpeg.DcSymbols = [0, 1]; break;
            case "empty table": jpeg.AcCounts[0] = 0; jpeg.AcSymbols = []; break;
            case "Se 62": jpeg.Spectrum = (0, 62, 0); break;
            case "DRI length": jpeg.Extra.Add((0xDD, [0, 1, 0])); break;
            case "unknown marker": jpeg.Extra.Add((0xF0, [1, 2])); break;
            case "scan of one of three components":
                jpeg.Components = [(1, 0x11, 0), (2, 0x11, 0), (3, 0x11, 0)];
                bytes = jpeg.Build();
                var sos = IndexOf(bytes, 0xDA);
                bytes = [.. bytes[..(sos + 2)], 0, 8, 1, 1, 0, 0, 63, 0, .. bytes[(sos + 14)..]];
                break;
            case "second SOI": bytes = [0xFF, 0xD8, .. jpeg.Build()]; break;
            case "stray byte":
                bytes = jpeg.Build();
                var frame = IndexOf(bytes, 0xC0);
                bytes = [.. bytes[..frame], 0x00, .. bytes[frame..]];
                break;
            case "segment past the end": bytes = jpeg.Build()[..(IndexOf(jpeg.Build(), 0xC4) + 10)]; break;
            case "no SOI": bytes = jpeg.Build()[2..]; break;
            case "EOI before the scan": bytes = [.. jpeg.Build()[..(IndexOf(jpeg.Build(), 0xDA))], 0xFF, 0xD9]; break;
            default: throw new ArgumentException(change);
        }
        Assert.False(SequentialJpegCheck.Accepts(bytes ?? jpeg.Build()), change);
    }

    [Fact]
    public void Fill_bytes_before_a_marker_and_restart_intervals_are_fine()
    {
        var jpeg = new SyntheticJpeg();
        jpeg.Extra.Add((0xDD, [0, 4]));
        var bytes = jpeg.Build();
        var frame = IndexOf(bytes, 0xC0);
        Assert.True(SequentialJpegCheck.Accepts([.. bytes[..frame], 0xFF, 0xFF, .. bytes[frame..]]));
    }

    [Fact]
    public void Garbage_after_the_scan_header_is_the_entropy_decoders_business()
    {
        // Nothing after the SOS header is parsed as markers (libjpeg stops before reading the trailing ones).
        var bytes = new SyntheticJpeg().Build();
        Assert.True(SequentialJpegCheck.Accepts([.. bytes[..^2], 0xFF, 0xC4, 0xFF, 0xFF, 0x12]));
        using var noise = TestImages.Noise(64, 48, seed: 4);
        var photo = TestImages.Jpeg(noise, 90);
        Assert.True(SequentialJpegCheck.Accepts(photo[..(photo.Length * 3 / 4)]), "cut inside the entropy data");
    }

    /// <summary>Where the segment with <paramref name="marker"/> starts (its 0xFF).</summary>
    private static int IndexOf(byte[] bytes, byte marker)
    {
        for (var i = 2; i + 1 < bytes.Length; i++)
            if (bytes[i] == 0xFF && bytes[i + 1] == marker) return i;
        throw new ArgumentException($"no marker {marker:X2}");
    }

}
