using FaceClustering.Core.Encodings;

namespace FaceClustering.Core.Encode;

/// <summary>
/// What an <c>update</c> run must do: what an earlier run left (the encodings file with its index, and the journal
/// of an interrupted run), which photos are unchanged since (same size and time: their encodings are kept), and
/// which must be encoded. Without <c>update</c> every photo is encoded.
/// </summary>
internal sealed class UpdatePlan
{
    /// <summary>An earlier run's entry for a photo; from the journal when that run was interrupted.</summary>
    public sealed record Previous(ImageEntry Entry, bool FromJournal);

    public IReadOnlyDictionary<string, Previous> Earlier { get; }

    /// <summary>The photos to encode now, each once, in input order.</summary>
    public IReadOnlyList<string> ToEncode { get; }

    private UpdatePlan(Dictionary<string, Previous> earlier, List<string> toEncode) => (Earlier, ToEncode) = (earlier, toEncode);

    public static UpdatePlan Make(IReadOnlyList<string> photos, EncodingsStore store, EncodingsHeader header, bool update, Action<string>? log)
    {
        var earlier = update ? Load(store, header, log) : [];
        var todo = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal); // by full path: "./a.jpg" and "a.jpg" are one photo
        foreach (var photo in photos)
        {
            if (!seen.Add(Path.GetFullPath(photo))) continue;
            if (earlier.TryGetValue(photo, out var before) && ImageEntry.Stat(photo) is var (size, ticks)
                && before.Entry.Size == size && before.Entry.ModifiedTicks == ticks)
                continue;
            todo.Add(photo);
        }
        return new UpdatePlan(earlier, todo);
    }

    /// <summary>
    /// The new state: what was encoded now, and the earlier encodings of photos that are still there (those that
    /// failed now are left out); how many were kept and how many are gone.
    /// </summary>
    public (List<ImageEntry> Entries, int Reused, int Removed) Merge(Dictionary<string, ImageEntry> done, IEnumerable<string> failed)
    {
        var failedNow = failed.ToHashSet(StringComparer.Ordinal);
        var reused = 0;
        var removed = 0;
        foreach (var (path, before) in Earlier)
        {
            if (done.ContainsKey(path) || failedNow.Contains(path)) continue;
            if (ImageEntry.Stat(path) is null) { removed++; continue; }
            done[path] = before.Entry;
            reused++;
        }
        return (done.Values.OrderBy(e => e.ImagePath, StringComparer.Ordinal).ToList(), reused, removed);
    }

    private static Dictionary<string, Previous> Load(EncodingsStore store, EncodingsHeader header, Action<string>? log)
    {
        var result = new Dictionary<string, Previous>(StringComparer.Ordinal);
        if (File.Exists(store.EncodingsPath))
        {
            using var reader = EncodingsReader.Open(store.EncodingsPath);
            Check(store.EncodingsPath, reader.Header, header);
            var faces = reader.ReadAll().GroupBy(r => r.ImagePath).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var index = ImageLog.Read(store.IndexPath, out _);
            if (index is null)
                log?.Invoke($"'{store.EncodingsPath}' has no index of photo sizes and times beside it: every photo is encoded again");
            foreach (var entry in index ?? [])
                result[entry.ImagePath] = new Previous(entry with { Faces = faces.GetValueOrDefault(entry.ImagePath) ?? [] }, false);
        }

        var journal = ImageLog.Read(store.JournalPath, out var madeWith);
        if (journal is { Count: > 0 } && madeWith is not null)
        {
            Check(store.JournalPath, madeWith, header);
            foreach (var entry in journal) result[entry.ImagePath] = new Previous(entry, true);
            log?.Invoke($"continuing an interrupted run: {journal.Count} photo(s) were already done");
        }
        return result;
    }

    /// <summary>
    /// An update adds faces to what an earlier run found: only with the same model, detector and settings (a file
    /// made before settings were recorded is taken as it is).
    /// </summary>
    private static void Check(string path, EncodingsHeader found, EncodingsHeader wanted)
    {
        if (found.Model != wanted.Model || found.Detector != wanted.Detector)
            throw new InputException(
                $"{Setting.Update}: '{path}' was made with model '{found.Model}' and detector '{found.Detector}', this run uses '{wanted.Model}' and ",
                $"'{wanted.Detector}'; encodings of different models cannot be mixed: run without {Setting.Update}, or write to another file with {Setting.Encodings}");
        if (found.Settings is { } made && wanted.Settings is { } asked && made != asked)
            throw new InputException(
                $"{Setting.Update}: '{path}' was made with {made}, this run asks for {asked}; faces found with other settings ",
                $"cannot be mixed in one file: give the same settings, run without {Setting.Update}, or write to another file with {Setting.Encodings}");
    }
}
