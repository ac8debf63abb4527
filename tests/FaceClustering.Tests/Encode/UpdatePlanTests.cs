using FaceClustering.Core.Encode;

namespace FaceClustering.Tests.Encode;

/// <summary>
/// What an update must encode: each photo once, and only those that are new or changed since the encodings file
/// was written; the merge keeps earlier faces of photos still there and drops those gone; another detector or
/// other settings are refused.
/// </summary>
public class UpdatePlanTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private static readonly EncodeSettings Settings = new(1, 1, "int8");
    private static readonly EncodingsHeader Header = EncodingsHeader.Create("m", "cnn", null, Settings);

    public void Dispose() => _temp.Dispose();

    private string Photo(string name, string content = "pixels")
    {
        var path = _temp.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }

    private static ImageEntry Entry(string path, int faces = 1) =>
        new(path, ImageEntry.Stat(path)!.Value.Size, ImageEntry.Stat(path)!.Value.ModifiedTicks,
            Enumerable.Range(0, faces).Select(i => new FaceRecord(path, new FaceBox(0, 10 + i, 10, i), new float[128])).ToList());

    [Fact]
    public void Without_update_every_photo_is_encoded_once_whatever_its_spelling()
    {
        var a = Photo("a.jpg");
        var b = Photo("b.jpg");
        var sameAsA = Path.Combine(_temp.Path, ".", "a.jpg");
        var plan = UpdatePlan.Make([a, b, sameAsA, a], new EncodingsStore(_temp.Combine("e.msgpack")), Header, update: false, log: null);
        Assert.Equal([a, b], plan.ToEncode);
        Assert.Empty(plan.Earlier);
    }

    [Fact]
    public void An_update_encodes_only_new_and_changed_photos_and_the_merge_keeps_the_rest()
    {
        var kept = Photo("kept.jpg");
        var changed = Photo("changed.jpg");
        var gone = Photo("gone.jpg");
        var store = new EncodingsStore(_temp.Combine("e.msgpack"));
        store.Complete(Header, [Entry(kept, faces: 2), Entry(changed), Entry(gone)]);

        File.WriteAllText(changed, "other pixels, another size");
        File.Delete(gone);
        var added = Photo("new.jpg");
        var logged = new List<string>();
        var plan = UpdatePlan.Make([kept, changed, added], store, Header, update: true, logged.Add);
        Assert.Equal([changed, added], plan.ToEncode);
        Assert.Equal(3, plan.Earlier.Count);

        var done = new Dictionary<string, ImageEntry>(StringComparer.Ordinal) { [changed] = Entry(changed, faces: 0) };
        var (entries, reused, removed) = plan.Merge(done, failed: [added]);
        Assert.Equal([changed, kept], entries.Select(e => e.ImagePath));
        Assert.Equal(2, entries.Single(e => e.ImagePath == kept).Faces.Count); // its earlier faces, unread
        Assert.Equal((1, 1), (reused, removed)); // kept reused; gone removed; new failed and not listed
        Assert.Empty(logged);
    }

    [Fact]
    public void An_update_with_another_detector_or_other_settings_is_refused()
    {
        var a = Photo("a.jpg");
        var store = new EncodingsStore(_temp.Combine("e.msgpack"));
        store.Complete(Header, [Entry(a)]);

        var hog = Assert.Throws<InputException>(() =>
            UpdatePlan.Make([a], store, EncodingsHeader.Create("m", "hog", null, Settings), update: true, log: null));
        Assert.Contains("detector 'cnn'", hog.Message);
        var jitters = Assert.Throws<InputException>(() =>
            UpdatePlan.Make([a], store, EncodingsHeader.Create("m", "cnn", null, Settings with { Jitters = 5 }), update: true, log: null));
        Assert.Contains("jitters 5", jitters.Message);
    }

    [Fact]
    public void Without_an_index_an_update_encodes_everything_and_says_why()
    {
        var a = Photo("a.jpg");
        var store = new EncodingsStore(_temp.Combine("e.msgpack"));
        store.Complete(Header, [Entry(a)]);
        File.Delete(store.IndexPath);
        var logged = new List<string>();
        var plan = UpdatePlan.Make([a], store, Header, update: true, logged.Add);
        Assert.Equal([a], plan.ToEncode);
        Assert.Contains(logged, l => l.Contains("has no index") && l.Contains("every photo is encoded again"));
    }
}
