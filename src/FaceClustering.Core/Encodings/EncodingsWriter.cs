using System.Buffers;
using FaceClustering.Core.IO;
using MessagePack;

namespace FaceClustering.Core.Encodings;

/// <summary>
/// Streams an encodings file: the header map, then one map per face. Everything goes to a temporary file
/// beside the target, which <see cref="Commit"/> renames over it; disposing without committing removes the
/// temporary file, so a crash never leaves a half-written file at the target path.
/// </summary>
public sealed class EncodingsWriter : IDisposable
{
    private readonly AtomicFile.Pending _file;
    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public EncodingsWriter(string path, EncodingsHeader header)
    {
        _file = AtomicFile.Begin(path, 1 << 16);
        _stream = _file.Stream;
        WriteHeader(header);
    }

    public int Count { get; private set; }

    public void Write(FaceRecord record)
    {
        if (record.Encoding.Length != FaceRecord.EncodingLength)
            throw new ArgumentException($"an encoding has {record.Encoding.Length} values; expected {FaceRecord.EncodingLength}", nameof(record));
        var writer = new MessagePackWriter(_buffer);
        writer.WriteMapHeader(record.Quality is null ? 3 : 8);
        writer.Write("imagePath");
        writer.Write(record.ImagePath);
        writer.Write("loc");
        writer.WriteArrayHeader(4);
        writer.Write(record.Box.Top);
        writer.Write(record.Box.Right);
        writer.Write(record.Box.Bottom);
        writer.Write(record.Box.Left);
        writer.Write("encoding");
        writer.WriteArrayHeader(record.Encoding.Length);
        foreach (var value in record.Encoding)
            writer.Write(value);
        if (record.Quality is { } quality)
        {
            writer.Write("score");
            writer.Write(quality.Score);
            writer.Write("size");
            writer.Write(quality.Size);
            writer.Write("sharpness");
            writer.Write(quality.Sharpness);
            writer.Write("yaw");
            writer.Write(quality.Yaw);
            writer.Write("photoSize");
            writer.WriteArrayHeader(2);
            writer.Write(quality.PhotoWidth);
            writer.Write(quality.PhotoHeight);
        }
        writer.Flush();
        FlushBuffer();
        Count++;
    }

    /// <summary>Makes the file visible at its target path (atomic rename over any previous file).</summary>
    public void Commit() => _file.Commit();

    /// <summary>Without <see cref="Commit"/>, nothing is left behind and the previous file stays.</summary>
    public void Dispose() => _file.Dispose();

    private void WriteHeader(EncodingsHeader header)
    {
        var writer = new MessagePackWriter(_buffer);
        writer.WriteMapHeader(5 + header.OptionalCount);
        writer.Write("format");
        writer.Write(EncodingsHeader.FormatName);
        writer.Write("version");
        writer.Write(header.Version);
        writer.Write("model");
        writer.Write(header.Model);
        writer.Write("detector");
        writer.Write(header.Detector);
        writer.Write("created");
        writer.Write(header.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        header.WriteOptional(ref writer);
        writer.Flush();
        FlushBuffer();
    }

    private void FlushBuffer()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    /// <summary>Writes a whole file in one call.</summary>
    public static void WriteAll(string path, EncodingsHeader header, IEnumerable<FaceRecord> records)
    {
        using var writer = new EncodingsWriter(path, header);
        foreach (var record in records)
            writer.Write(record);
        writer.Commit();
    }
}
