namespace FaceClustering.Core.Encode;

/// <summary>
/// Lists the photos of a dataset folder: recursive, image extensions only, hidden files and folders (names
/// starting with '.') left out, in a stable order. Symbolic links are followed, but a folder is visited once
/// however many links lead to it, so a link loop cannot trap the scan.
/// </summary>
public static class DatasetScanner
{
    public static IReadOnlyList<string> List(string dataset)
    {
        if (File.Exists(dataset))
            throw new InputException($"dataset '{dataset}' is a file; pass the folder that holds the photos with {Setting.Dataset}");
        if (!Directory.Exists(dataset))
            throw new InputException($"dataset folder '{dataset}' does not exist; pass the folder that holds the photos with {Setting.Dataset}");

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            MatchType = MatchType.Simple,
        };
        var photos = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var folders = new Stack<string>([dataset]);
        while (folders.Count > 0)
        {
            var folder = folders.Pop();
            if (!visited.Add(RealPath(folder))) continue;
            try
            {
                photos.AddRange(Directory.EnumerateFiles(folder, "*", options)
                    .Where(p => EncodeOptions.ImageExtensions.Contains(Path.GetExtension(p))));
                foreach (var sub in Directory.EnumerateDirectories(folder, "*", options))
                    folders.Push(sub);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // a folder that vanished or a link that leads nowhere: nothing to list there
            }
        }
        photos.Sort(StringComparer.Ordinal);
        return photos;
    }

    private static string RealPath(string folder)
    {
        try
        {
            var info = new DirectoryInfo(folder);
            return (info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) ?? info).FullName
                .TrimEnd(Path.DirectorySeparatorChar);
        }
        catch (IOException)
        {
            return Path.GetFullPath(folder); // a broken or circular link: visit once by its own name
        }
    }
}
