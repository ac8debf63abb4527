namespace FaceClustering.Tests.Encodings;

public class ImageLogTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_journal_cut_off_by_a_kill_keeps_every_complete_entry()
    {
        var path = _temp.Combine("e.msgpack.journal");
        var header = EncodingsHeader.Create("model-x", "cnn");
        using (var log = ImageLog.Create(path, header, withFaces: true))
        {
            for (var i = 0; i < 5; i++)
            {
                var faces = Enumerable.Range(0, i % 3).Select(k => new FaceRecord($"p{i}.jpg", new FaceBox(k, k + 10, k + 10, k), new float[128])).ToList();
                log.Append(new ImageEntry($"p{i}.jpg", 1000 + i, 600_000 + i, faces));
            }
        }
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^100]); // the last entry is cut in the middle

        var entries = ImageLog.Read(path, out var madeWith);
        Assert.Equal(("model-x", "cnn"), (madeWith?.Model, madeWith?.Detector));
        Assert.Equal(4, entries!.Count);
        Assert.Equal(["p0.jpg", "p1.jpg", "p2.jpg", "p3.jpg"], entries.Select(e => e.ImagePath));
        Assert.Equal(1003, entries[3].Size);
        Assert.Equal(600_002, entries[2].ModifiedTicks);
        Assert.Equal(2, entries[2].Faces.Count);
        Assert.All(entries[2].Faces, f => Assert.Equal("p2.jpg", f.ImagePath));
    }

    [Fact]
    public void No_file_or_a_foreign_file_reads_as_no_log()
    {
        Assert.Null(ImageLog.Read(_temp.Combine("none"), out _));
        File.WriteAllText(_temp.Combine("foreign"), "not a log");
        Assert.Null(ImageLog.Read(_temp.Combine("foreign"), out _));
    }

    [Fact]
    public void Quality_survives_the_log_and_an_entry_no_encodings_file_may_hold_is_dropped_alone()
    {
        var path = _temp.Combine("e.msgpack.journal");
        var quality = new FaceQuality(0.97f, 120, 456.5f, 12.25f, 1920, 1080);
        var bad = new float[128];
        bad[7] = float.NaN;
        using (var log = ImageLog.Create(path, EncodingsHeader.Create("model-x", "cnn"), withFaces: true))
        {
            log.Append(new ImageEntry("a.jpg", 1, 2, [new FaceRecord("a.jpg", new FaceBox(0, 10, 10, 0), new float[128], quality)]));
            log.Append(new ImageEntry("short.jpg", 1, 2, [new FaceRecord("short.jpg", new FaceBox(0, 10, 10, 0), new float[127])]));
            log.Append(new ImageEntry("nan.jpg", 1, 2, [new FaceRecord("nan.jpg", new FaceBox(0, 10, 10, 0), bad)]));
            log.Append(new ImageEntry("b.jpg", 1, 2, [new FaceRecord("b.jpg", new FaceBox(0, 10, 10, 0), new float[128])]));
        }
        var entries = ImageLog.Read(path, out _)!;
        Assert.Equal(["a.jpg", "b.jpg"], entries.Select(e => e.ImagePath)); // the bad ones are encoded again
        Assert.Equal(quality, entries[0].Faces[0].Quality);
        Assert.Null(entries[1].Faces[0].Quality);
    }
}
