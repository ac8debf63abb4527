using System.Buffers.Binary;

namespace FaceClustering.Core.Imaging;

/// <summary>
/// Says whether a JPEG is one that libjpeg-turbo decodes through <see cref="LibjpegTurbo"/> with no fatal error
/// possible: a single interleaved sequential Huffman scan of 8-bit samples, 1 or 3 components, and every table it
/// names present and well formed. It walks the markers up to the scan as libjpeg-turbo's marker reader does
/// (jdmarker.c) and refuses whatever that reader, the Huffman table builder (jdhuff.c), the input setup (jdinput.c)
/// or the upsampler (jdsample.c) would stop on, and more: anything unusual (progressive, arithmetic, 12-bit, CMYK,
/// stray bytes between markers, a second SOI, a segment running past the end) is refused, so that the decoders
/// that can report errors take it. Nothing after the scan's header is read by libjpeg except entropy data and
/// restart markers, which only ever raise warnings (the decode is ended without reading the trailing markers).
/// </summary>
public static class SequentialJpegCheck
{
    /// <summary>libjpeg-turbo's JPEG_MAX_DIMENSION.</summary>
    private const int MaxDimension = 65500;

    /// <summary>libjpeg-turbo's D_MAX_BLOCKS_IN_MCU.</summary>
    private const int MaxBlocksInMcu = 10;

    /// <summary>True when <paramref name="jpeg"/> is a plain sequential JPEG as described above.</summary>
    public static bool Accepts(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) return false;
        Span<bool> quant = stackalloc bool[4];
        Span<bool> dc = stackalloc bool[4];
        Span<bool> ac = stackalloc bool[4];
        Span<Component> frame = stackalloc Component[3];
        var components = 0; // 0 until the frame header is read
        var at = 2;
        while (true)
        {
            if (at + 4 > jpeg.Length || jpeg[at] != 0xFF) return false;
            while (jpeg[at + 1] == 0xFF) // fill bytes before a marker, as libjpeg skips them
                if (++at + 4 > jpeg.Length) return false;
            var marker = jpeg[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 2)..]);
            if (length < 2 || at + 2 + length > jpeg.Length) return false;
            var body = jpeg.Slice(at + 4, length - 2);
            switch (marker)
            {
                case >= 0xE0 and <= 0xEF or 0xFE: // APPn, COM: libjpeg reads JFIF and Adobe markers, never fails on them
                    break;
                case 0xDB when QuantTables(body, quant):
                    break;
                case 0xC4 when HuffmanTables(body, dc, ac):
                    break;
                case 0xDD when length == 4: // DRI
                    break;
                case 0xC0 or 0xC1 when components == 0: // baseline or extended sequential, Huffman coded
                    components = Frame(body, frame);
                    if (components == 0) return false;
                    break;
                case 0xDA: // SOS: the scan must cover every component at once (a single scan) with tables present
                    return components > 0 && Scan(body, frame[..components], quant, dc, ac);
                default:
                    return false;
            }
            at += 2 + length;
        }
    }

    private struct Component
    {
        public byte Id;
        public byte H;
        public byte V;
        public byte Quant;
    }

    /// <summary>DQT: tables 0 to 3 of 8-bit or 16-bit entries, filling the segment exactly.</summary>
    private static bool QuantTables(ReadOnlySpan<byte> body, Span<bool> defined)
    {
        while (body.Length > 0)
        {
            int precision = body[0] >> 4, id = body[0] & 15;
            if (precision > 1 || id > 3) return false;
            var size = 1 + 64 * (precision + 1);
            if (body.Length < size) return false;
            defined[id] = true;
            body = body[size..];
        }
        return true;
    }

    /// <summary>
    /// DHT: DC and AC tables 0 to 3 filling the segment exactly, each a legal Huffman code (no code of all ones, as
    /// jpeg_make_d_derived_tbl checks) with at least one symbol; DC symbols 0 to 15.
    /// </summary>
    private static bool HuffmanTables(ReadOnlySpan<byte> body, Span<bool> dc, Span<bool> ac)
    {
        while (body.Length > 0)
        {
            if (body.Length < 17) return false;
            int table = body[0] & 15, kind = body[0] >> 4;
            if (kind > 1 || table > 3) return false;
            var counts = body.Slice(1, 16);
            int symbols = 0, code = 0;
            for (var length = 1; length <= 16; length++)
            {
                if (symbols == 0 && counts[length - 1] == 0) continue; // codes start at the shortest length used
                symbols += counts[length - 1];
                code += counts[length - 1];
                if (code >= 1 << length) return false;
                code <<= 1;
            }
            if (symbols == 0 || symbols > 256 || body.Length < 17 + symbols) return false;
            var values = body.Slice(17, symbols);
            if (kind == 0 && values.ContainsAnyInRange((byte)16, byte.MaxValue)) return false;
            (kind == 0 ? dc : ac)[table] = true;
            body = body[(17 + symbols)..];
        }
        return true;
    }

    /// <summary>SOF0/SOF1 of 8-bit samples: the number of components (1 or 3), or 0 when the frame is refused.</summary>
    private static int Frame(ReadOnlySpan<byte> body, Span<Component> frame)
    {
        if (body.Length < 6 || body[0] != 8) return 0;
        int height = BinaryPrimitives.ReadUInt16BigEndian(body[1..]), width = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
        int count = body[5];
        if (height is 0 or > MaxDimension || width is 0 or > MaxDimension || count is not (1 or 3)) return 0;
        if (body.Length != 6 + 3 * count) return 0;
        int maxH = 1, maxV = 1, blocks = 0;
        for (var c = 0; c < count; c++)
        {
            var spec = body.Slice(6 + 3 * c, 3);
            frame[c] = new Component { Id = spec[0], H = (byte)(spec[1] >> 4), V = (byte)(spec[1] & 15), Quant = spec[2] };
            if (frame[c].H is 0 or > 4 || frame[c].V is 0 or > 4 || frame[c].Quant > 3) return 0;
            for (var before = 0; before < c; before++)
                if (frame[before].Id == frame[c].Id) return 0;
            (maxH, maxV) = (Math.Max(maxH, frame[c].H), Math.Max(maxV, frame[c].V));
            blocks += frame[c].H * frame[c].V;
        }
        if (count > 1 && blocks > MaxBlocksInMcu) return 0;
        for (var c = 0; c < count; c++) // the upsampler only takes whole-number ratios
            if (maxH % frame[c].H != 0 || maxV % frame[c].V != 0) return 0;
        return count;
    }

    /// <summary>SOS naming every frame component once, with defined DC, AC and quantisation tables, over the whole
    /// spectrum at full precision (Ss 0, Se 63, Ah Al 0).</summary>
    private static bool Scan(ReadOnlySpan<byte> body, ReadOnlySpan<Component> frame, ReadOnlySpan<bool> quant,
        ReadOnlySpan<bool> dc, ReadOnlySpan<bool> ac)
    {
        if (body.Length < 1 || body[0] != frame.Length || body.Length != 1 + 2 * frame.Length + 3) return false;
        Span<bool> named = stackalloc bool[frame.Length];
        for (var s = 0; s < frame.Length; s++)
        {
            var (id, tables) = (body[1 + 2 * s], body[2 + 2 * s]);
            var c = 0;
            while (c < frame.Length && frame[c].Id != id) c++;
            if (c == frame.Length || named[c]) return false;
            named[c] = true;
            int dcTable = tables >> 4, acTable = tables & 15;
            if (dcTable > 3 || acTable > 3 || !dc[dcTable] || !ac[acTable] || !quant[frame[c].Quant]) return false;
        }
        var spectrum = body[(1 + 2 * frame.Length)..];
        return spectrum[0] == 0 && spectrum[1] == 63 && spectrum[2] == 0;
    }
}
