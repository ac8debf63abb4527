namespace FaceClustering.Tests.Encodings;

/// <summary>The encodings reader and the journal and index reader under <see cref="Fuzzer"/>.</summary>
public sealed class EncodingsFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private void Fuzz(string what, byte[] original, int seed, Action<byte[]> read) =>
        Fuzzer.Run(what, original, seed, output, _temp.Combine("crash.bin"), read);

    private byte[] EncodingsFile()
    {
        var (faces, _) = SyntheticFaceLibrary.CreateFaceSet(6, seed: 1);
        var path = _temp.Combine("e.msgpack");
        var records = Enumerable.Range(0, faces.Count).Select(i => new FaceRecord($"photos/p{i}.jpg", faces.Boxes[i], faces.Vector(i).ToArray(),
            new FaceQuality(0.9f, 80, 120f, 5f, 640, 480))).ToList();
        EncodingsWriter.WriteAll(path, EncodingsHeader.Create("m", "cnn", "/data/photos", new EncodeSettings(1, 1, "int8")), records);
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void The_encodings_reader_gives_faces_or_one_encodings_file_error()
    {
        var original = EncodingsFile();
        var path = _temp.Combine("mutant.msgpack");
        Fuzz("encodings reader", original, 1, bytes =>
        {
            File.WriteAllBytes(path, bytes);
            try
            {
                FaceSet.Load(path);
            }
            catch (EncodingsFileException)
            {
                // the expected refusal: one line naming the file, the place and the problem
            }
        });
    }

    [Fact]
    public void The_journal_and_index_reader_gives_entries_or_nothing()
    {
        var path = _temp.Combine("log");
        var header = EncodingsHeader.Create("m", "cnn", "/data", new EncodeSettings(1, 1, "int8"));
        var (faces, _) = SyntheticFaceLibrary.CreateFaceSet(4, seed: 2);
        using (var log = ImageLog.Create(path, header, withFaces: true))
        {
            for (var i = 0; i < faces.Count; i++)
                log.Append(new ImageEntry($"p{i}.jpg", 1000 + i, 5000 + i,
                    [new FaceRecord($"p{i}.jpg", faces.Boxes[i], faces.Vector(i).ToArray(), new FaceQuality(0.9f, 80, 120f, 5f, 640, 480))]));
        }
        var original = File.ReadAllBytes(path);
        var mutantPath = _temp.Combine("mutant.log");
        Fuzz("journal reader", original, 2, bytes =>
        {
            File.WriteAllBytes(mutantPath, bytes);
            var entries = ImageLog.Read(mutantPath, out _);
            Assert.True(entries is null || entries.All(e => e.Faces.All(f => f.Encoding.Length == FaceRecord.EncodingLength && f.Encoding.All(float.IsFinite))));
        });
    }
}
