using System.Buffers;
using FaceClustering.CommandLine;
using MessagePack;

namespace FaceClustering.Tests.Encodings;

/// <summary>Reading the encodings file: both format versions, streamed in buffers, unknown keys ignored, and one message naming file, record and problem for anything unusable.</summary>
public class EncodingsReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static FaceRecord Face(int seed, string path = "photos/a.jpg") => SampleRecords.Face(seed, path);

    [Fact]
    public void A_version_1_file_is_still_read_its_faces_of_unknown_quality()
    {
        var a = Face(1);
        var path = Write("v1.msgpack", (ref MessagePackWriter w) =>
        {
            WriteHeader(ref w, version: 1);
            w.WriteMapHeader(3);
            w.Write("imagePath"); w.Write(a.ImagePath);
            w.Write("loc"); w.WriteArrayHeader(4); w.Write(a.Box.Top); w.Write(a.Box.Right); w.Write(a.Box.Bottom); w.Write(a.Box.Left);
            w.Write("encoding"); w.WriteArrayHeader(128);
            foreach (var v in a.Encoding) w.Write(v);
        });
        using var reader = EncodingsReader.Open(path);
        Assert.Equal(1, reader.Header.Version);
        var face = Assert.Single(reader.ReadAll());
        Assert.Equal(a.Encoding, face.Encoding);
        Assert.Null(face.Quality);
        Assert.Null(Assert.Single(FaceSet.Load(path).Qualities));
    }

    [Fact]
    public void A_file_with_no_faces_is_valid()
    {
        var path = _temp.Combine("empty.msgpack");
        EncodingsWriter.WriteAll(path, EncodingsHeader.Create("m", "cnn"), []);
        var set = FaceSet.Load(path);
        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void Records_are_streamed_across_buffer_refills()
    {
        // ~100,000 faces' worth of bytes is far more than the reader's initial buffer.
        var path = _temp.Combine("big.msgpack");
        var faces = Enumerable.Range(0, 3000).Select(i => Face(i % 50, $"p/{i}.jpg")).ToList();
        EncodingsWriter.WriteAll(path, EncodingsHeader.Create("m", "cnn"), faces);
        Assert.True(new FileInfo(path).Length > 4 * 65536);
        var set = FaceSet.Load(path);
        Assert.Equal(3000, set.Count);
        Assert.Equal("p/2999.jpg", set.ImagePaths[2999]);
        Assert.Equal(faces[2999].Encoding, set.Vector(2999).ToArray());
    }

    [Fact]
    public void Unknown_keys_in_header_and_records_are_ignored()
    {
        var path = Write("extra.msgpack", (ref MessagePackWriter w) =>
        {
            WriteHeader(ref w, extra: ("generator", "a future version"));
            w.WriteMapHeader(5);
            w.Write("quality");
            w.WriteMapHeader(2); w.Write("blur"); w.Write(0.25); w.Write("tags"); w.WriteArrayHeader(2); w.Write("a"); w.WriteNil();
            w.Write("imagePath"); w.Write("x.jpg");
            w.Write("loc"); WriteLoc(ref w, 1, 5, 6, 2);
            w.Write("encoding"); WriteEncoding(ref w, 128);
            w.Write("landmarks"); w.WriteArrayHeader(3); w.Write(1); w.Write(2); w.Write(3);
        });
        var set = FaceSet.Load(path);
        Assert.Equal(1, set.Count);
        Assert.Equal(new FaceBox(1, 5, 6, 2), set.Boxes[0]);
    }

    public static TheoryData<string, string> Corruptions() => new()
    {
        { "wrong_format", "header: not a face-encodings file (format is 'something-else'" },
        { "no_format", "header: not a face-encodings file (its header has no 'format')" },
        { "future_version", "header: format version 3 is not supported (this build reads versions 1 to 2)" },
        { "quality_nan", "record 1: 'sharpness' is NaN, not a finite number" },
        { "quality_photo", "record 1: 'photoSize' [0, 480] is not a photo's size" },
        { "not_a_map", "header: not a face-encodings file (it does not start with a header map)" },
        { "empty_file", "header: the file is empty" },
        { "short_vector", "record 2: 'encoding' has 127 values; expected 128" },
        { "long_vector", "record 1: 'encoding' has 129 values; expected 128" },
        { "truncated", "record 2: the file ends in the middle of it" },
        { "missing_encoding", "record 1: missing 'encoding'" },
        { "text_in_encoding", "record 1: 'encoding' value 5 is a string, not a number" },
        { "nan_in_encoding", "record 1: 'encoding' value 7 is NaN, not a finite number" },
        { "bad_loc", "record 1: 'loc' has 3 values; expected 4" },
        { "inverted_loc", "record 1: 'loc' [50, 10, 20, 40] is not [top, right, bottom, left]" },
        { "record_not_map", "record 1: expected a map, found a array" },
        { "deep_nesting", "record 1: not valid MessagePack" },
        { "huge_array_claim", "record 1: the file ends in the middle of it" },
        { "garbage_bytes", "record 1: not valid MessagePack" },
        { "unknown_type_code", "record 1: 'encoding' must be an array of 128 numbers, found an unknown type code" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Corrupt_files_fail_with_one_message_naming_file_record_and_problem(string name, string expected)
    {
        var path = MakeCorrupt(name);
        var error = Assert.Throws<EncodingsFileException>(() => FaceSet.Load(path));
        Assert.StartsWith($"encodings file '{path}': ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Fact]
    public void A_string_length_of_0xffffffff_is_one_error_not_a_crash()
    {
        var path = _temp.Combine("huge-length.msgpack");
        EncodingsWriter.WriteAll(path, EncodingsHeader.Create("m", "cnn"), []);
        // {"imagePath": "a.jpg", "x": str32 of length 0xFFFFFFFF} with 3 bytes behind it (found by the fuzzer).
        byte[] record = [0x82, 0xA9, .. "imagePath"u8, 0xA5, .. "a.jpg"u8, 0xA1, (byte)'x', 0xDB, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3];
        File.AppendAllBytes(path, record);
        var error = Assert.Throws<EncodingsFileException>(() => FaceSet.Load(path));
        Assert.StartsWith($"encodings file '{path}': ", error.Message);
        Assert.Contains("not valid MessagePack at byte", error.Message);
    }

    [Fact]
    public void A_missing_file_says_what_to_do()
    {
        var path = _temp.Combine("nope.msgpack");
        var error = Assert.Throws<EncodingsFileException>(() => FaceSet.Load(path));
        // Core names the setting; the command lines word it as their flag.
        Assert.Equal($"encodings file '{path}': open: no such file; run encode first or give the right path with the encodings setting", error.Message);
        Assert.Equal($"encodings file '{path}': open: no such file; run encode first or give the right path with -e", error.Render(OptionNames.Flag));
    }

    private delegate void WriteBody(ref MessagePackWriter writer);

    private string Write(string name, WriteBody body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        body(ref writer);
        writer.Flush();
        var path = _temp.Combine(name);
        File.WriteAllBytes(path, buffer.WrittenSpan.ToArray());
        return path;
    }

    private static void WriteHeader(ref MessagePackWriter w, string format = "face-encodings", int version = 1,
        (string Key, string Value)? extra = null)
    {
        w.WriteMapHeader(extra is null ? 5 : 6);
        w.Write("format"); w.Write(format);
        w.Write("version"); w.Write(version);
        w.Write("model"); w.Write("m");
        w.Write("detector"); w.Write("cnn");
        w.Write("created"); w.Write("2026-11-28T06:00:00Z");
        if (extra is { } e) { w.Write(e.Key); w.Write(e.Value); }
    }

    private static void WriteLoc(ref MessagePackWriter w, params int[] values)
    {
        w.WriteArrayHeader(values.Length);
        foreach (var v in values) w.Write(v);
    }

    private static void WriteEncoding(ref MessagePackWriter w, int length, int textAt = -1, int nanAt = -1)
    {
        w.WriteArrayHeader(length);
        for (var i = 0; i < length; i++)
        {
            if (i == textAt) w.Write("oops");
            else w.Write(i == nanAt ? float.NaN : i / 1000f);
        }
    }

    private static void WriteRecord(ref MessagePackWriter w, int length = 128, bool withEncoding = true, int textAt = -1, int nanAt = -1)
    {
        w.WriteMapHeader(withEncoding ? 3 : 2);
        w.Write("imagePath"); w.Write("x.jpg");
        w.Write("loc"); WriteLoc(ref w, 10, 40, 50, 5);
        if (withEncoding) { w.Write("encoding"); WriteEncoding(ref w, length, textAt, nanAt); }
    }

    private string MakeCorrupt(string name)
    {
        var file = name + ".msgpack";
        switch (name)
        {
            case "wrong_format": return Write(file, (ref MessagePackWriter w) => WriteHeader(ref w, format: "something-else"));
            case "no_format": return Write(file, (ref MessagePackWriter w) => { w.WriteMapHeader(1); w.Write("version"); w.Write(1); });
            case "future_version": return Write(file, (ref MessagePackWriter w) => WriteHeader(ref w, version: 3));
            case "quality_nan":
                return Write(file, (ref MessagePackWriter w) =>
                {
                    WriteHeader(ref w, version: 2);
                    w.WriteMapHeader(1); w.Write("sharpness"); w.Write(float.NaN);
                });
            case "quality_photo":
                return Write(file, (ref MessagePackWriter w) =>
                {
                    WriteHeader(ref w, version: 2);
                    w.WriteMapHeader(1); w.Write("photoSize"); w.WriteArrayHeader(2); w.Write(0); w.Write(480);
                });
            case "not_a_map": return Write(file, (ref MessagePackWriter w) => { w.WriteArrayHeader(1); w.Write(1); });
            case "empty_file":
                File.WriteAllBytes(_temp.Combine(file), []);
                return _temp.Combine(file);
            case "short_vector":
                return Write(file, (ref MessagePackWriter w) => { WriteHeader(ref w); WriteRecord(ref w); WriteRecord(ref w, length: 127); });
            case "long_vector": return Write(file, (ref MessagePackWriter w) => { WriteHeader(ref w); WriteRecord(ref w, length: 129); });
            case "truncated":
            {
                var path = Write(file, (ref MessagePackWriter w) => { WriteHeader(ref w); WriteRecord(ref w); WriteRecord(ref w); });
                var bytes = File.ReadAllBytes(path);
                File.WriteAllBytes(path, bytes[..^200]);
                return path;
            }
            case "missing_encoding": return Write(file, (ref MessagePackWriter w) => { WriteHeader(ref w); WriteRecord(ref w, withEncoding: false); });
            case "text_in_encoding": return Write(file, (ref MessagePackWriter w) => { WriteHeader(ref w); WriteRecord(ref w, textAt: 5); });
            case "nan_in_encoding": return Write(file, (ref MessagePackWriter w) => { WriteHeader(ref w); WriteRecord(ref w, nanAt: 7); });
            case "bad_loc":
                return Write(file, (ref MessagePackWriter w) =>
                {
                    WriteHeader(ref w);
                    w.WriteMapHeader(3);
                    w.Write("imagePath"); w.Write("x.jpg");
                    w.Write("loc"); WriteLoc(ref w, 1, 2, 3);
                    w.Write("encoding"); WriteEncoding(ref w, 128);
                });
            case "inverted_loc":
                return Write(file, (ref MessagePackWriter w) =>
                {
                    WriteHeader(ref w);
                    w.WriteMapHeader(3);
                    w.Write("imagePath"); w.Write("x.jpg");
                    w.Write("loc"); WriteLoc(ref w, 50, 10, 20, 40);
                    w.Write("encoding"); WriteEncoding(ref w, 128);
                });
            case "record_not_map": return Write(file, (ref MessagePackWriter w) => { WriteHeader(ref w); w.WriteArrayHeader(0); });
            case "deep_nesting":
                // 100,000 nested arrays inside an unknown key: would overflow the stack of a naive recursive skip.
                return Write(file, (ref MessagePackWriter w) =>
                {
                    WriteHeader(ref w);
                    w.WriteMapHeader(1);
                    w.Write("junk");
                    for (var i = 0; i < 100_000; i++) w.WriteArrayHeader(1);
                    w.WriteNil();
                });
            case "huge_array_claim":
                // A record claiming four billion values must not make us allocate for them.
                return Write(file, (ref MessagePackWriter w) =>
                {
                    WriteHeader(ref w);
                    w.WriteMapHeader(1);
                    w.Write("encoding");
                    w.WriteArrayHeader(uint.MaxValue);
                    w.Write(1f);
                });
            case "garbage_bytes":
                return Write(file, (ref MessagePackWriter w) =>
                {
                    WriteHeader(ref w);
                    w.WriteRaw(new byte[] { 0x81, 0xa4, (byte)'j', (byte)'u', (byte)'n', (byte)'k', 0xc1 });
                });
            case "unknown_type_code":
                return Write(file, (ref MessagePackWriter w) =>
                {
                    WriteHeader(ref w);
                    w.WriteRaw(new byte[] { 0x81, 0xa8, (byte)'e', (byte)'n', (byte)'c', (byte)'o', (byte)'d', (byte)'i', (byte)'n', (byte)'g', 0xc1 });
                });
            default: throw new ArgumentException(name);
        }
    }
}
