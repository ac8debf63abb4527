using FaceClustering.Core.IO;

namespace FaceClustering.Core.Cluster;

/// <summary>
/// Which photos named in the encodings a run may read, copy or link, or write a sidecar beside: an encodings file
/// may come from elsewhere (a shard from another machine, a colleague's file), so only regular files with content
/// under a dataset folder the encodings record are, unless the user allows photos anywhere. Never opens a file to
/// decide: a FIFO or a device is refused by its status alone.
/// </summary>
public static class PhotoAccess
{
    public const string NotRegular = "not a regular file with content (a folder, an empty file, a FIFO, a device or a socket)";
    public const string Outside = "outside the dataset folder its encodings record";
    public const string NoRoot = "its encodings file records no dataset folder (made by an older encode; updating that file with encode records one)";

    /// <summary>The photos refused, each with the reason; the others may be used.</summary>
    /// <param name="roots">Per encodings file, the dataset folder its header records (null where none is).</param>
    public static Dictionary<string, string> Refused(IEnumerable<string> photos, IReadOnlyList<string?> roots, bool anywhere)
    {
        var known = roots.OfType<string>().Select(Path.GetFullPath).ToList();
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var photo in photos)
        {
            if (Reason(photo, known, anywhere) is { } reason) refused[photo] = reason;
        }
        return refused;
    }

    private static string? Reason(string photo, List<string> roots, bool anywhere)
    {
        string full;
        try
        {
            full = Path.GetFullPath(photo);
            var info = new FileInfo(full);
            if (!info.Exists || info.Length == 0) return NotRegular;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return NotRegular;
        }
        if (anywhere) return null;
        if (roots.Count == 0) return NoRoot;
        return roots.Any(root => FolderPaths.IsUnder(full, root)) ? null : Outside;
    }
}
