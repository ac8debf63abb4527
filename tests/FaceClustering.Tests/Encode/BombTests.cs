using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;

namespace FaceClustering.Tests.Encode;

/// <summary>
/// Small files built to take a decoder's memory or time: each is refused or read within bounds, with one line naming
/// it, and the whole run's peak memory (VmHWM, read from /proc while encode runs) stays under 1 GiB.
/// </summary>
[Collection(nameof(ModelsCollection))]
public sealed class BombTests(ModelsFixture models, ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static uint Crc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    private static byte[] Chunk(string type, byte[] body, uint? length = null)
    {
        var chunk = new byte[12 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, length ?? (uint)body.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        body.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + body.Length), Crc(chunk.AsSpan(4, 4 + body.Length)));
        return chunk;
    }

    /// <summary>A PNG of one IDAT chunk, whose length field may lie.</summary>
    internal static byte[] Png(uint width, uint height, byte[] idat, uint? idatLength = null)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // 8 bits
        header[9] = 2; // RGB
        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", header),
            .. Chunk("IDAT", idat, idatLength), .. Chunk("IEND", [])];
    }

    /// <summary>That many zero bytes, zlib-compressed.</summary>
    internal static byte[] Zeros(int bytes)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true)) zlib.Write(new byte[bytes]);
        return buffer.ToArray();
    }

    [Fact]
    public async Task Bombs_are_refused_or_read_within_bounds_and_encode_stays_under_1_gib()
    {
        models.SkipIfMissing();
        Assert.SkipUnless(OperatingSystem.IsLinux(), "peak memory is read from Linux's /proc");
        var dataset = _temp.Combine("bombs");
        Directory.CreateDirectory(dataset);
        // A header claiming 2.5 gigapixels over a few KB of zeros.
        File.WriteAllBytes(Path.Combine(dataset, "giga.png"), Png(50_000, 50_000, Zeros(1 << 20)));
        // A chunk whose length claims 2 GB in a file of a few hundred bytes.
        File.WriteAllBytes(Path.Combine(dataset, "chunk.png"), Png(16, 16, Zeros(256), idatLength: 0x7FFF_FFF0));
        // A JPEG whose frame header claims 65500 x 65500.
        byte[] sof = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xFF, 0xDC, 0xFF, 0xDC, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9];
        File.WriteAllBytes(Path.Combine(dataset, "huge.jpg"), sof);
        // Within the limits but all zeros: 4000 x 3000 pixels of black (12 MP) in about 40 KB.
        File.WriteAllBytes(Path.Combine(dataset, "zeros.png"), Png(4000, 3000, Zeros(3000 * (1 + 4000 * 3))));
        // Very wide and very tall photos (the cnn detector's resizing once refused them).
        File.WriteAllBytes(Path.Combine(dataset, "wide.png"), Png(10_000, 8, Zeros(8 * (1 + 10_000 * 3))));
        File.WriteAllBytes(Path.Combine(dataset, "tall.png"), Png(8, 10_000, Zeros(10_000 * (1 + 8 * 3))));

        using var encode = Executable.Start("encode.dll", _temp.Path, "-i", dataset, "-e", _temp.Combine("e.msgpack"),
            "--models", models.Store.Folder, "-j", "1", "--quiet");
        var stderr = encode.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        long peak = 0;
        while (!encode.WaitForExit(50))
        {
            try
            {
                var line = File.ReadLines($"/proc/{encode.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null) peak = Math.Max(peak, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024);
            }
            catch (IOException)
            {
                // it has just ended
            }
            Assert.True(DateTime.Now - encode.StartTime < TimeSpan.FromMinutes(5), "encode did not finish in 5 minutes");
        }
        var lines = (await stderr).Trim().Split('\n');
        output.WriteLine($"peak {peak / 1048576} MiB\n{string.Join("\n", lines)}");
        Assert.Equal(3, encode.ExitCode); // files skipped
        Assert.Contains(lines, l => l.StartsWith("encode: skipped '", StringComparison.Ordinal) && l.Contains("giga.png") && l.Contains("too large to decode (50000x50000 pixels"));
        Assert.Contains(lines, l => l.Contains("huge.jpg") && l.Contains("too large to decode (65500x65500 pixels"));
        Assert.Contains(lines, l => l.Contains("chunk.png") && l.Contains("not an image that can be decoded"));
        foreach (var photo in new[] { "zeros.png", "wide.png", "tall.png" })
            Assert.DoesNotContain(lines, l => l.Contains(photo)); // read, no face
        Assert.InRange(peak, 1, 1L << 30);
    }
}
