using FaceClustering.Core.Encodings;

namespace FaceClustering.Core.Encode;

/// <summary>
/// The files of one encodings path, and the one place that writes them: the encodings file, the journal beside it
/// (every finished photo appended as it is done, so an interrupted run can be continued) and the index of photo
/// sizes and times (what <c>update</c> compares against). The encodings file and the index are replaced atomically,
/// and only when a run completes; then the journal goes. Paths that hold anything encode did not make are refused,
/// never overwritten.
/// </summary>
internal sealed class EncodingsStore(string encodingsPath)
{
    public string EncodingsPath { get; } = encodingsPath;
    public string JournalPath => EncodingsPath + ImageLog.JournalSuffix;
    public string IndexPath => EncodingsPath + ImageLog.IndexSuffix;

    /// <summary>
    /// The encodings file, its journal and its index are replaced only where they are absent or were made by
    /// encode: a photo, a folder or any other file at one of those paths is refused with one line, never
    /// overwritten.
    /// </summary>
    public void RefuseForeignFiles()
    {
        Refuse(EncodingsPath, "encodings file", IsEncodingsFile);
        Refuse(JournalPath, "journal", p => ImageLog.Read(p, out _) is not null);
        Refuse(IndexPath, "index", p => ImageLog.Read(p, out _) is not null);

        static void Refuse(string path, string what, Func<string, bool> madeByEncode)
        {
            if (Directory.Exists(path))
                throw new InputException($"'{path}' is a folder, not an {what}; give the encodings a file path of their own");
            if (File.Exists(path) && !madeByEncode(path))
                throw new InputException($"'{path}' exists and is not an {what} that encode made; it is left as it is: ",
                                         $"choose another encodings path, or move that file away");
        }
    }

    /// <summary>
    /// Removes the temporary files that runs killed while writing the encodings file or its index left beside them.
    /// Only under the encodings file's writer lock: then no other run is writing any of them.
    /// </summary>
    public void RemoveStaleTemporaries()
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(EncodingsPath))!;
        if (!Directory.Exists(folder)) return;
        foreach (var name in new[] { Path.GetFileName(EncodingsPath), Path.GetFileName(IndexPath) })
        foreach (var stale in Directory.EnumerateFiles(folder, $".{name}.*.tmp"))
        {
            try { File.Delete(stale); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A fresh journal for this run (its folder made if need be).</summary>
    public ImageLog StartJournal(EncodingsHeader header)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(JournalPath))!);
        return ImageLog.Create(JournalPath, header, withFaces: true);
    }

    /// <summary>The run's result: the encodings file and its index, each replaced atomically; then the journal is removed.</summary>
    public void Complete(EncodingsHeader header, IReadOnlyList<ImageEntry> entries)
    {
        EncodingsWriter.WriteAll(EncodingsPath, header, entries.SelectMany(e => e.Faces));
        ImageLog.WriteAll(IndexPath, header, entries, withFaces: false);
        File.Delete(JournalPath);
    }

    private static bool IsEncodingsFile(string path)
    {
        try
        {
            using var reader = EncodingsReader.Open(path);
            return true;
        }
        catch (EncodingsFileException)
        {
            return false;
        }
    }
}
