using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MessagePack;

namespace FaceClustering.Core.Encodings;

/// <summary>
/// Streams an encodings file record by record, treating it as untrusted input: every value is type- and
/// length-checked, nesting depth is limited by MessagePack's untrusted-data settings, and no record may need
/// more than <see cref="MaxRecordBytes"/> of buffer, so a hostile file can neither exhaust memory nor crash us.
/// Any problem becomes one <see cref="EncodingsFileException"/> naming the file, the record and the problem.
/// </summary>
public sealed class EncodingsReader : IDisposable
{
    /// <summary>The largest single record (or header) we agree to buffer.</summary>
    public const int MaxRecordBytes = 16 << 20;

    private static readonly MessagePackSecurity Security = MessagePackSecurity.UntrustedData;

    private delegate T Parser<out T>(ref MessagePackReader reader);

    private readonly string _path;
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private long _bufferOffset; // file offset of _buffer[0]
    private bool _eof;
    private int _recordNumber;

    private EncodingsReader(string path, Stream stream)
    {
        _path = path;
        _stream = stream;
        Header = Next(ParseHeader, "header")
                 ?? throw Fail($"header", $"the file is empty; it is not a face-encodings file");
    }

    public EncodingsHeader Header { get; }

    /// <summary>Opens a file and reads its header.</summary>
    public static EncodingsReader Open(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new EncodingsFileException(path, "open", $"no such file; run encode first or give the right path with {Setting.Encodings}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EncodingsFileException(path, "open", $"cannot be read ({e.Message})");
        }

        try
        {
            return new EncodingsReader(path, stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next face; false at the clean end of the file.</summary>
    public bool TryRead([NotNullWhen(true)] out FaceRecord? record)
    {
        record = Next(ParseRecord, $"record {_recordNumber + 1}");
        if (record is null) return false;
        _recordNumber++;
        return true;
    }

    public IEnumerable<FaceRecord> ReadAll()
    {
        while (TryRead(out var record))
            yield return record;
    }

    public void Dispose() => _stream.Dispose();

    private T? Next<T>(Parser<T> parse, string where) where T : class
    {
        while (true)
        {
            if (_end > _start)
            {
                var reader = new MessagePackReader(new ReadOnlyMemory<byte>(_buffer, _start, _end - _start));
                try
                {
                    var value = parse(ref reader);
                    _start += checked((int)reader.Consumed);
                    return value;
                }
                catch (EndOfStreamException)
                {
                    if (_eof)
                        throw Fail(where, $"the file ends in the middle of it (byte {_bufferOffset + _start}); it is truncated, re-run encode");
                }
                catch (FormatProblem e)
                {
                    throw Fail(where, $"{e.Message}");
                }
                catch (Exception e) when (e is MessagePackSerializationException or OverflowException or InsufficientExecutionStackException
                                              or InvalidOperationException or ArgumentException) // a length past 2^31 (MessagePack throws ArgumentOutOfRange)
                {
                    throw Fail(where, $"not valid MessagePack at byte {_bufferOffset + _start} ({e.Message})");
                }
            }
            else if (_eof)
            {
                return null;
            }

            Fill(where);
        }
    }

    private void Fill(string where)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxRecordBytes)
                throw Fail(where, $"larger than {MaxRecordBytes >> 20} MiB; the file is corrupt or not a face-encodings file");
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxRecordBytes));
        }

        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (IOException e)
        {
            throw Fail(where, $"read error ({e.Message})");
        }

        if (read == 0) _eof = true;
        _end += read;
    }

    private EncodingsFileException Fail(string where, FormattableString problem) => new(_path, where, problem);

    private static EncodingsHeader ParseHeader(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
            throw new FormatProblem("not a face-encodings file (it does not start with a header map); make it with encode");

        string? format = null, model = null, detector = null, created = null, root = null, precision = null;
        int? version = null, upsample = null, jitters = null;
        var count = reader.ReadMapHeader();
        Security.DepthStep(ref reader);
        for (var i = 0; i < count; i++)
        {
            var key = ReadKey(ref reader);
            switch (key)
            {
                case "format": format = ReadString(ref reader, key); break;
                case "version": version = ReadInt(ref reader, key); break;
                case "model": model = ReadString(ref reader, key); break;
                case "detector": detector = ReadString(ref reader, key); break;
                case "created": created = ReadString(ref reader, key); break;
                case "datasetRoot": root = ReadString(ref reader, key); break;
                case "upsample": upsample = ReadInt(ref reader, key); break;
                case "jitters": jitters = ReadInt(ref reader, key); break;
                case "precision": precision = ReadString(ref reader, key); break;
                default: Skip(ref reader); break;
            }
        }
        reader.Depth--;

        if (format != EncodingsHeader.FormatName)
            throw new FormatProblem(format is null
                ? "not a face-encodings file (its header has no 'format'); make it with encode"
                : $"not a face-encodings file (format is '{format}', expected '{EncodingsHeader.FormatName}')");
        if (version is null)
            throw new FormatProblem("the header has no 'version'");
        if (version is < EncodingsHeader.OldestReadable or > EncodingsHeader.CurrentVersion)
            throw new FormatProblem($"format version {version} is not supported (this build reads versions {EncodingsHeader.OldestReadable} to {EncodingsHeader.CurrentVersion}); use a matching FaceClustering release or re-run encode");
        if (model is null)
            throw new FormatProblem("the header has no 'model'");

        var when = DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : DateTimeOffset.MinValue;
        if (root is not null && !Path.IsPathFullyQualified(root))
            throw new FormatProblem($"the header's 'datasetRoot' ('{root}') is not an absolute path");
        return new EncodingsHeader(model, detector ?? "unknown", when)
        {
            Version = version.Value,
            DatasetRoot = root,
            Settings = EncodeSettings.From(upsample, jitters, precision),
        };
    }

    private static FaceRecord ParseRecord(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
            throw new FormatProblem($"expected a map, found {Describe(reader.NextMessagePackType)}");

        string? imagePath = null;
        FaceBox? box = null;
        float[]? encoding = null;
        float? score = null, sharpness = null, yaw = null;
        int? size = null;
        (int Width, int Height)? photo = null;
        var count = reader.ReadMapHeader();
        Security.DepthStep(ref reader);
        for (var i = 0; i < count; i++)
        {
            var key = ReadKey(ref reader);
            switch (key)
            {
                case "imagePath":
                    imagePath = ReadString(ref reader, key);
                    if (string.IsNullOrEmpty(imagePath)) throw new FormatProblem("'imagePath' is empty");
                    break;
                case "loc":
                    box = ReadBox(ref reader);
                    break;
                case "encoding":
                    encoding = ReadEncoding(ref reader);
                    break;
                case "score": score = ReadFloat(ref reader, key); break;
                case "size": size = ReadInt(ref reader, key); break;
                case "sharpness": sharpness = ReadFloat(ref reader, key); break;
                case "yaw": yaw = ReadFloat(ref reader, key); break;
                case "photoSize": photo = ReadPhotoSize(ref reader); break;
                default:
                    Skip(ref reader);
                    break;
            }
        }
        reader.Depth--;

        if (imagePath is null) throw new FormatProblem("missing 'imagePath'");
        if (box is null) throw new FormatProblem("missing 'loc'");
        if (encoding is null) throw new FormatProblem("missing 'encoding'");
        // Quality (version 2) counts only when whole; a face without it is of unknown quality.
        var quality = score is { } s && size is { } z && sharpness is { } h && yaw is { } y && photo is { } p
            ? new FaceQuality(s, z, h, y, p.Width, p.Height)
            : null;
        return new FaceRecord(imagePath, box.Value, encoding, quality);
    }

    /// <summary>A finite number; <paramref name="index"/> names the value within an array (-1: the key holds one).</summary>
    private static float ReadFloat(ref MessagePackReader reader, string key, int index = -1)
    {
        var type = reader.NextMessagePackType;
        if (type is not (MessagePackType.Float or MessagePackType.Integer))
            throw new FormatProblem($"{Name(key, index)} is {Describe(type)}, not a number");
        var value = reader.ReadSingle();
        if (!float.IsFinite(value))
            throw new FormatProblem($"{Name(key, index)} is {value.ToString(CultureInfo.InvariantCulture)}, not a finite number");
        return value;
    }

    private static string Name(string key, int index) => index < 0 ? $"'{key}'" : $"'{key}' value {index}";

    private static (int Width, int Height) ReadPhotoSize(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.Array || reader.ReadArrayHeader() != 2)
            throw new FormatProblem("'photoSize' must be an array of 2 integers (width, height)");
        var width = ReadInt(ref reader, "photoSize");
        var height = ReadInt(ref reader, "photoSize");
        if (width <= 0 || height <= 0)
            throw new FormatProblem($"'photoSize' [{width}, {height}] is not a photo's size");
        return (width, height);
    }

    private static FaceBox ReadBox(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
            throw new FormatProblem($"'loc' must be an array of 4 integers, found {Describe(reader.NextMessagePackType)}");
        var length = reader.ReadArrayHeader();
        if (length != 4)
            throw new FormatProblem($"'loc' has {length} values; expected 4 (top, right, bottom, left)");
        Span<int> v = stackalloc int[4];
        for (var i = 0; i < 4; i++)
            v[i] = ReadInt(ref reader, "loc");
        if (v[2] < v[0] || v[1] < v[3])
            throw new FormatProblem($"'loc' [{v[0]}, {v[1]}, {v[2]}, {v[3]}] is not [top, right, bottom, left]");
        return new FaceBox(v[0], v[1], v[2], v[3]);
    }

    private static float[] ReadEncoding(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
            throw new FormatProblem($"'encoding' must be an array of {FaceRecord.EncodingLength} numbers, found {Describe(reader.NextMessagePackType)}");
        var length = reader.ReadArrayHeader();
        if (length != FaceRecord.EncodingLength)
            throw new FormatProblem($"'encoding' has {length} values; expected {FaceRecord.EncodingLength}");
        var values = new float[length];
        for (var i = 0; i < length; i++)
            values[i] = ReadFloat(ref reader, "encoding", i);
        return values;
    }

    private static string ReadKey(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.String)
            throw new FormatProblem($"a map key is {Describe(reader.NextMessagePackType)}, not a string");
        return reader.ReadString()!;
    }

    private static string ReadString(ref MessagePackReader reader, string key)
    {
        if (reader.NextMessagePackType != MessagePackType.String)
            throw new FormatProblem($"'{key}' must be a string, found {Describe(reader.NextMessagePackType)}");
        return reader.ReadString()!;
    }

    private static int ReadInt(ref MessagePackReader reader, string key)
    {
        if (reader.NextMessagePackType != MessagePackType.Integer)
            throw new FormatProblem($"'{key}' must hold integers, found {Describe(reader.NextMessagePackType)}");
        try
        {
            return reader.ReadInt32();
        }
        catch (OverflowException)
        {
            throw new FormatProblem($"'{key}' holds an integer out of range");
        }
    }

    /// <summary>Skips a value of a key we do not know, with MessagePack's untrusted-data depth limit.</summary>
    private static void Skip(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
            {
                var count = reader.ReadMapHeader();
                Security.DepthStep(ref reader);
                for (long i = 0; i < 2L * count; i++) Skip(ref reader);
                reader.Depth--;
                break;
            }
            case MessagePackType.Array:
            {
                var count = reader.ReadArrayHeader();
                Security.DepthStep(ref reader);
                for (var i = 0; i < count; i++) Skip(ref reader);
                reader.Depth--;
                break;
            }
            default:
                reader.Skip();
                break;
        }
    }

    private static string Describe(MessagePackType type) => type switch
    {
        MessagePackType.Nil => "nil",
        MessagePackType.Unknown => "an unknown type code",
        _ => "a " + type.ToString().ToLowerInvariant(),
    };

    /// <summary>A record that is valid MessagePack but not what the format says.</summary>
    private sealed class FormatProblem(string message) : Exception(message);
}
