using FaceClustering.Core.Encodings;
using FaceClustering.Tests.TestSupport;

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
        Assert.Equal(("model-x", "cnn"), madeWith);
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
}
