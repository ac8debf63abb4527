namespace FaceClustering.Tests.TestSupport;

/// <summary>
/// A JPEG written marker by marker, so that a test can change one field of one segment: by default an 8x8 gray
/// baseline image whose one block has DC difference 0 and an immediate end of block, which decodes to gray 128.
/// </summary>
public sealed class SyntheticJpeg
{
    public byte Precision = 8;
    public byte FrameMarker = 0xC0;
    public (byte Id, byte Sampling, byte Quant)[] Components = [(1, 0x11, 0)];
    public byte QuantId = 0;

    /// <summary>DC table: one code of length 1 for category 0.</summary>
    public byte[] DcCounts = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    public byte[] DcSymbols = [0];
    public byte DcTableId = 0;

    /// <summary>AC table: one code of length 1 for end of block.</summary>
    public byte[] AcCounts = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    public byte[] AcSymbols = [0];

    /// <summary>The tables each scan component names (DC high nibble, AC low).</summary>
    public byte ScanTables = 0x00;

    public (byte Ss, byte Se, byte AhAl) Spectrum = (0, 63, 0);

    /// <summary>Extra segments (marker, body) after the SOI.</summary>
    public List<(byte Marker, byte[] Body)> Extra = [];

    public byte[] Build()
    {
        var bytes = new List<byte> { 0xFF, 0xD8 };
        foreach (var (marker, body) in Extra) Segment(bytes, marker, body);
        Segment(bytes, 0xDB, [QuantId, .. Enumerable.Repeat((byte)1, 64)]);
        Segment(bytes, FrameMarker, [Precision, 0, 8, 0, 8, (byte)Components.Length,
            .. Components.SelectMany(c => new[] { c.Id, c.Sampling, c.Quant })]);
        Segment(bytes, 0xC4, [(byte)(0x00 | DcTableId), .. DcCounts, .. DcSymbols]);
        Segment(bytes, 0xC4, [0x10, .. AcCounts, .. AcSymbols]);
        Segment(bytes, 0xDA, [(byte)Components.Length, .. Components.SelectMany(c => new[] { c.Id, ScanTables }),
            Spectrum.Ss, Spectrum.Se, Spectrum.AhAl]);
        // Per block: DC code '0' (difference 0) and AC code '0' (end of block), padded with ones.
        var blocks = Components.Sum(c => (c.Sampling >> 4) * (c.Sampling & 15));
        var bits = new string('0', 2 * blocks).PadRight((2 * blocks + 7) / 8 * 8, '1');
        for (var i = 0; i < bits.Length; i += 8) bytes.Add(Convert.ToByte(bits.Substring(i, 8), 2));
        bytes.AddRange([0xFF, 0xD9]);
        return [.. bytes];
    }

    private static void Segment(List<byte> bytes, byte marker, byte[] body)
    {
        var length = body.Length + 2;
        bytes.AddRange([0xFF, marker, (byte)(length >> 8), (byte)length]);
        bytes.AddRange(body);
    }
}
