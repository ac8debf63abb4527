using FaceClustering.Core.IO;

namespace FaceClustering.Core.Encode;

/// <summary>
/// Lists the photos of a dataset folder: recursive, image extensions only, hidden files and folders (names
/// starting with '.') left out, in a stable order. Symbolic links are followed, but a folder (and a photo) is
/// visited once however many links lead to it, so a link loop cannot trap the scan; results folders (they carry
/// <see cref="ResultsMarker"/>) are never scanned.
/// </summary>
public static class DatasetScanner
{
    /// <summary>The deepest folder (absolute) that holds every one of <paramref name="photos"/>; null for none (or none in common).</summary>
    public static string? CommonFolder(IReadOnlyList<string> photos)
    {
        string? common = null;
        for (var i = 0; i < photos.Count; i++)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(photos[i]))!;
            if (i == 0) common = folder;
            while (common is not null && !FolderPaths.IsUnder(folder, common)) common = Path.GetDirectoryName(common);
            if (common is null) return null;
        }
        return common;
    }

    /// <summary>Longest path the system opens (Linux's PATH_MAX, with its terminating NUL).</summary>
    private const int LongestPath = 4095;

    /// <summary>
    /// The photos under <paramref name="dataset"/>. A folder that cannot be listed (permission denied, a path longer
    /// than the system opens, gone while listed) is told to <paramref name="unlisted"/> with the reason: its photos
    /// are not silently missing.
    /// </summary>
    public static IReadOnlyList<string> List(string dataset, Action<string, string>? unlisted = null)
    {
        if (File.Exists(dataset))
            throw new InputException($"dataset '{dataset}' is a file; pass the folder that holds the photos with {Setting.Dataset}");
        if (!Directory.Exists(dataset))
            throw new InputException($"dataset folder '{dataset}' does not exist; pass the folder that holds the photos with {Setting.Dataset}");

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = false, // a folder it cannot read is reported, not passed over in silence
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            MatchType = MatchType.Simple,
        };
        var photos = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var files = new HashSet<string>(StringComparer.Ordinal); // real paths: a photo reached through links is listed once
        var folders = new Stack<string>([dataset]);
        while (folders.Count > 0)
        {
            var folder = folders.Pop();
            if (!visited.Add(RealPath(folder))) continue;
            try
            {
                if (File.Exists(Path.Combine(folder, ResultsMarker.FileName))) continue; // cluster's results, not photos
                photos.AddRange(Directory.EnumerateFiles(folder, "*", options)
                    .Where(p => EncodeOptions.ImageExtensions.Contains(Path.GetExtension(p)) && files.Add(RealFile(p))));
                foreach (var sub in Directory.EnumerateDirectories(folder, "*", options))
                    folders.Push(sub);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var bytes = System.Text.Encoding.UTF8.GetByteCount(folder);
                unlisted?.Invoke(folder, e switch
                {
                    _ when bytes > LongestPath =>
                        $"a folder whose path is longer than the system opens ({bytes} bytes; the limit is {LongestPath}); " +
                        "its photos are left out: move them to a shorter path",
                    UnauthorizedAccessException => "a folder that cannot be read (permission denied); its photos are left out",
                    DirectoryNotFoundException => "a folder that was gone when its turn came; its photos are left out",
                    _ => $"a folder that cannot be listed ({e.Message}); its photos are left out",
                });
            }
        }
        photos.Sort(StringComparer.Ordinal);
        return photos;
    }

    private static string RealFile(string file) => Real(new FileInfo(file));

    private static string RealPath(string folder) => Real(new DirectoryInfo(folder)).TrimEnd(Path.DirectorySeparatorChar);

    /// <summary>Where a file or folder really is, through any links; a broken or circular link: its own name.</summary>
    private static string Real(FileSystemInfo info)
    {
        try
        {
            return (info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) ?? info).FullName;
        }
        catch (IOException)
        {
            return Path.GetFullPath(info.FullName);
        }
    }
}
