using System.Buffers;
using FaceClustering.Core.IO;
using MessagePack;

namespace FaceClustering.Core.Encodings;

/// <summary>One photo as encode saw it: its size and modification time, and the faces found in it.</summary>
public sealed record ImageEntry(string ImagePath, long Size, long ModifiedTicks, IReadOnlyList<FaceRecord> Faces)
{
    public static (long Size, long ModifiedTicks)? Stat(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? (info.Length, info.LastWriteTimeUtc.Ticks) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>
/// A MessagePack stream of <see cref="ImageEntry"/> maps after a header map: the index that sits beside an
/// encodings file (<c>.index</c>: every photo encoded, faces or not, with its size and time, so that
/// <c>--update</c> knows what changed) and the journal of a run in progress (<c>.journal</c>: entries with
/// their faces, appended and flushed photo by photo, so an interrupted run can be continued). Readers stop
/// quietly at a truncated last entry, which is what a killed run leaves.
/// </summary>
public sealed class ImageLog : IDisposable
{
    public const string IndexSuffix = ".index";
    public const string JournalSuffix = ".journal";

    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly bool _withFaces;

    private ImageLog(Stream stream, bool withFaces)
    {
        _stream = stream;
        _withFaces = withFaces;
    }

    /// <summary>Starts a new log (replacing any) with a header naming the model and detector.</summary>
    public static ImageLog Create(string path, EncodingsHeader header, bool withFaces) =>
        Start(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), header, withFaces);

    /// <summary>A whole log at once, replacing any atomically (the index, when a run completes).</summary>
    public static void WriteAll(string path, EncodingsHeader header, IEnumerable<ImageEntry> entries, bool withFaces)
    {
        using var file = AtomicFile.Begin(path, 1 << 16);
        var log = Start(file.Stream, header, withFaces);
        foreach (var entry in entries) log.Append(entry);
        file.Commit();
    }

    private static ImageLog Start(Stream stream, EncodingsHeader header, bool withFaces)
    {
        var log = new ImageLog(stream, withFaces);
        var w = new MessagePackWriter(log._buffer);
        w.WriteMapHeader(4 + header.OptionalCount);
        w.Write("format"); w.Write("face-encodings-image-log");
        w.Write("version"); w.Write(1);
        w.Write("model"); w.Write(header.Model);
        w.Write("detector"); w.Write(header.Detector);
        header.WriteOptional(ref w);
        w.Flush();
        log.FlushBuffer();
        return log;
    }

    public void Append(ImageEntry entry)
    {
        var w = new MessagePackWriter(_buffer);
        w.WriteMapHeader(_withFaces ? 4 : 3);
        w.Write("imagePath"); w.Write(entry.ImagePath);
        w.Write("size"); w.Write(entry.Size);
        w.Write("mtime"); w.Write(entry.ModifiedTicks);
        if (_withFaces)
        {
            w.Write("faces");
            w.WriteArrayHeader(entry.Faces.Count);
            foreach (var face in entry.Faces)
            {
                w.WriteArrayHeader(face.Quality is null ? 5 : 6);
                w.Write(face.Box.Top); w.Write(face.Box.Right); w.Write(face.Box.Bottom); w.Write(face.Box.Left);
                w.WriteArrayHeader(face.Encoding.Length);
                foreach (var v in face.Encoding) w.Write(v);
                if (face.Quality is { } q)
                {
                    // score, size, sharpness, yaw, photo width, photo height
                    w.WriteArrayHeader(6);
                    w.Write(q.Score); w.Write(q.Size); w.Write(q.Sharpness); w.Write(q.Yaw); w.Write(q.PhotoWidth); w.Write(q.PhotoHeight);
                }
            }
        }
        w.Flush();
        FlushBuffer();
    }

    /// <summary>Makes what was appended survive a crash of the process (and, with <paramref name="toDisk"/>, of the machine).</summary>
    public void Flush(bool toDisk)
    {
        if (_stream is FileStream file) file.Flush(toDisk);
        else _stream.Flush();
    }

    public void Dispose() => _stream.Dispose();

    private void FlushBuffer()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    /// <summary>
    /// The entries of a log, or null when there is no usable log. A log made with another model or detector
    /// is reported through <paramref name="madeWith"/> (its model, detector, dataset root and settings).
    /// </summary>
    public static List<ImageEntry>? Read(string path, out EncodingsHeader? madeWith)
    {
        madeWith = null;
        if (!File.Exists(path)) return null;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new MessagePackStreamReader(stream);
        var entries = new List<ImageEntry>();
        var headerRead = false;
        try
        {
            if (reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() is not { } first) return null;
            var header = new MessagePackReader(first);
            string? model = null, detector = null, format = null, root = null, precision = null;
            int? upsample = null, jitters = null;
            var count = header.ReadMapHeader();
            for (var i = 0; i < count; i++)
            {
                switch (header.ReadString())
                {
                    case "format": format = header.ReadString(); break;
                    case "model": model = header.ReadString(); break;
                    case "detector": detector = header.ReadString(); break;
                    case "datasetRoot": root = header.ReadString(); break;
                    case "upsample": upsample = header.ReadInt32(); break;
                    case "jitters": jitters = header.ReadInt32(); break;
                    case "precision": precision = header.ReadString(); break;
                    default: header.Skip(); break;
                }
            }
            if (format != "face-encodings-image-log" || model is null || detector is null) return null;
            madeWith = new EncodingsHeader(model, detector, DateTimeOffset.MinValue)
            {
                DatasetRoot = root,
                Settings = EncodeSettings.From(upsample, jitters, precision),
            };
            headerRead = true;

            while (reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() is { } item)
                if (ReadEntry(item) is { } entry) entries.Add(entry);
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or InvalidOperationException
                                      or OverflowException or ArgumentException or FormatException)
        {
            // a damaged tail: keep what was read (a damaged header: not a log at all)
        }
        return headerRead ? entries : null;
    }

    /// <summary>One entry, or null where it does not hold what an encodings file may (its photo is encoded again).</summary>
    private static ImageEntry? ReadEntry(System.Buffers.ReadOnlySequence<byte> item)
    {
        var r = new MessagePackReader(item);
        string path = "";
        long size = 0, mtime = 0;
        var faces = new List<FaceRecord>();
        var count = r.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            switch (r.ReadString())
            {
                case "imagePath": path = r.ReadString() ?? ""; break;
                case "size": size = r.ReadInt64(); break;
                case "mtime": mtime = r.ReadInt64(); break;
                case "faces":
                    var n = r.ReadArrayHeader();
                    for (var f = 0; f < n; f++)
                    {
                        var fields = r.ReadArrayHeader();
                        var box = new FaceBox(r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
                        var encoding = new float[r.ReadArrayHeader()];
                        for (var k = 0; k < encoding.Length; k++) encoding[k] = r.ReadSingle();
                        FaceQuality? quality = null;
                        if (fields > 5)
                        {
                            r.ReadArrayHeader();
                            quality = new FaceQuality(r.ReadSingle(), r.ReadInt32(), r.ReadSingle(), r.ReadSingle(), r.ReadInt32(), r.ReadInt32());
                        }
                        faces.Add(new FaceRecord(path, box, encoding, quality));
                    }
                    break;
                default: r.Skip(); break;
            }
        }
        if (path.Length == 0 || path.Contains('\0') || faces.Any(f => !Valid(f))) return null;
        return new ImageEntry(path, size, mtime, faces.Select(f => f with { ImagePath = path }).ToList());
    }

    /// <summary>What <see cref="EncodingsReader"/> would accept of a face: 128 finite values, an ordered box, finite quality.</summary>
    private static bool Valid(FaceRecord face) =>
        face.Encoding.Length == FaceRecord.EncodingLength && face.Encoding.All(float.IsFinite)
        && face.Box.Bottom >= face.Box.Top && face.Box.Right >= face.Box.Left
        && (face.Quality is not { } q || (float.IsFinite(q.Score) && float.IsFinite(q.Sharpness) && float.IsFinite(q.Yaw)
                                         && q.PhotoWidth > 0 && q.PhotoHeight > 0));
}
