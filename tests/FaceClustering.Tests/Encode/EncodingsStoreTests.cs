using FaceClustering.Core.Encode;

namespace FaceClustering.Tests.Encode;

/// <summary>
/// The files of one encodings path: nothing encode did not make is ever overwritten; a completed run replaces the
/// encodings and the index and removes the journal; a killed run's temporaries are swept.
/// </summary>
public sealed class EncodingsStoreTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly EncodingsHeader Header = EncodingsHeader.Create("m", "cnn");

    private static ImageEntry Entry(string photo, int faces) => new(photo, 100, 5,
        Enumerable.Range(0, faces).Select(k => new FaceRecord(photo, new FaceBox(k, k + 10, k + 10, k), new float[FaceRecord.EncodingLength])).ToList());

    [Fact]
    public void A_completed_run_leaves_the_encodings_and_the_index_and_no_journal()
    {
        var store = new EncodingsStore(_temp.Combine("out", "e.msgpack"));
        store.RefuseForeignFiles(); // nothing there yet
        using (var journal = store.StartJournal(Header))
        {
            journal.Append(Entry("a.jpg", 2));
            journal.Flush(toDisk: true);
        }
        Assert.True(File.Exists(store.JournalPath));
        store.Complete(Header, [Entry("a.jpg", 2), Entry("b.jpg", 0), Entry("c.jpg", 1)]);

        Assert.Equal(3, FaceSet.Load(store.EncodingsPath).Count);
        Assert.Equal(["a.jpg", "b.jpg", "c.jpg"], ImageLog.Read(store.IndexPath, out _)!.Select(e => e.ImagePath));
        Assert.False(File.Exists(store.JournalPath));
        store.RefuseForeignFiles(); // its own files are not foreign
    }

    [Theory]
    [InlineData("")]
    [InlineData(ImageLog.JournalSuffix)]
    [InlineData(ImageLog.IndexSuffix)]
    public void A_file_encode_did_not_make_is_refused_and_left_as_it_is(string suffix)
    {
        var store = new EncodingsStore(_temp.Combine("e.msgpack"));
        var foreign = store.EncodingsPath + suffix;
        File.WriteAllText(foreign, "someone's notes");
        var error = Assert.Throws<InputException>(store.RefuseForeignFiles);
        Assert.Contains($"'{foreign}' exists and is not an", error.Message);
        Assert.Contains("choose another encodings path, or move that file away", error.Message);
        Assert.Equal("someone's notes", File.ReadAllText(foreign));
    }

    [Fact]
    public void A_folder_at_the_encodings_path_is_refused()
    {
        var store = new EncodingsStore(_temp.Combine("e.msgpack"));
        Directory.CreateDirectory(store.EncodingsPath);
        Assert.Contains("is a folder, not an encodings file", Assert.Throws<InputException>(store.RefuseForeignFiles).Message);
    }

    [Fact]
    public void Temporaries_of_killed_runs_are_swept_and_nothing_else()
    {
        var store = new EncodingsStore(_temp.Combine("e.msgpack"));
        string[] stale = [_temp.Combine(".e.msgpack.1234.tmp"), _temp.Combine(".e.msgpack.index.99.tmp")];
        string[] kept = [_temp.Combine(".other.msgpack.1.tmp"), _temp.Combine("e.msgpack.tmp"), _temp.Combine("photo.jpg")];
        foreach (var file in stale.Concat(kept)) File.WriteAllText(file, "x");
        store.RemoveStaleTemporaries();
        Assert.All(stale, f => Assert.False(File.Exists(f), f));
        Assert.All(kept, f => Assert.True(File.Exists(f), f));
        new EncodingsStore(_temp.Combine("no", "such", "e.msgpack")).RemoveStaleTemporaries(); // no folder: nothing to do
    }
}
