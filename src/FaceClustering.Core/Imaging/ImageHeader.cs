using System.Buffers.Binary;

namespace FaceClustering.Core.Imaging;

/// <summary>
/// Reads an image's pixel size from its header (JPEG, PNG, BMP, WebP, TIFF, GIF) without decoding it, so that
/// a file claiming a gigantic size can be refused before anything is allocated for it.
/// </summary>
public static class ImageHeader
{
    /// <summary>Width and height, or null when the format is not recognised or the header is cut short.</summary>
    public static (long Width, long Height)? TryReadSize(ReadOnlySpan<byte> data)
    {
        try
        {
            if (data.Length >= 24 && data[..8].SequenceEqual(PngSignature))
                return (BinaryPrimitives.ReadUInt32BigEndian(data[16..]), BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
            if (data.Length >= 4 && data[0] == 0xFF && data[1] == 0xD8)
                return Jpeg(data);
            if (data.Length >= 26 && data[0] == 'B' && data[1] == 'M')
                // In 64 bits: a height of int.MinValue (a top-down BMP "of -2^31 rows") has no 32-bit absolute value.
                return (Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(data[18..])), Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(data[22..])));
            if (data.Length >= 30 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
                return WebP(data);
            if (data.Length >= 10 && (data[..4].SequenceEqual("GIF8"u8)))
                return (BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..]));
            if (data.Length >= 8 && (data[..4].SequenceEqual("II*\0"u8) || data[..4].SequenceEqual("MM\0*"u8)))
                return Tiff(data);
        }
        catch (ArgumentOutOfRangeException)
        {
            // a header cut short: let the decoder say what is wrong
        }
        return null;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static (long, long)? Jpeg(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF) { i++; continue; }
            var marker = data[i + 1];
            if (marker == 0xFF) { i++; continue; }
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { i += 2; continue; }
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                return (BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]));
            if (marker == 0xDA) return null; // scan data before any frame header
            i += 2 + length;
        }
        return null;
    }

    private static (long, long)? WebP(ReadOnlySpan<byte> data)
    {
        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
            return (1 + (data[24] | data[25] << 8 | data[26] << 16), 1 + (data[27] | data[28] << 8 | data[29] << 16));
        if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return (1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF));
        }
        if (chunk.SequenceEqual("VP8 "u8))
            return (BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        return null;
    }

    private static (long, long)? Tiff(ReadOnlySpan<byte> data)
    {
        var little = data[0] == 'I';
        var ifd = (int)U32(data, 4, little);
        var entries = U16(data, ifd, little);
        long width = 0, height = 0;
        for (var e = 0; e < entries; e++)
        {
            var at = ifd + 2 + 12 * e;
            var tag = U16(data, at, little);
            var type = U16(data, at + 2, little);
            long value = type == 3 ? U16(data, at + 8, little) : U32(data, at + 8, little);
            if (tag == 256) width = value;
            if (tag == 257) height = value;
        }
        return width > 0 && height > 0 ? (width, height) : null;
    }

    private static uint U32(ReadOnlySpan<byte> data, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt32BigEndian(data[at..]);

    private static ushort U16(ReadOnlySpan<byte> data, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
}
