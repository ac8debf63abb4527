namespace FaceClustering.Core.Export;

/// <summary>
/// The output folder of a run. Results are built in a hidden staging folder beside it and moved into place
/// only when complete, so a crash or Ctrl+C never leaves half a result, and the previous result stays until
/// the new one is ready. An existing non-empty folder is replaced only when the user allows it, and only when it
/// is an earlier result: it holds <see cref="MarkerName"/> (or, from before the marker, a clusters.csv).
/// </summary>
public sealed class ResultsFolder : IDisposable
{
    /// <summary>The file every results folder carries, so that only results are ever replaced.</summary>
    public const string MarkerName = ResultsMarker.FileName;

    private readonly string _target;
    private bool _published;

    private ResultsFolder(string target, string staging)
    {
        _target = target;
        Staging = staging;
    }

    /// <summary>Where the results are written until <see cref="Publish"/>.</summary>
    public string Staging { get; }

    /// <summary>
    /// Checks that <paramref name="output"/> may be written and creates the staging folder.
    /// <paramref name="protectedPaths"/> (inputs: photos, the encodings file) must not lie inside it.
    /// </summary>
    public static ResultsFolder Prepare(string output, bool overwrite, IEnumerable<string> protectedPaths)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        if (File.Exists(target))
            throw new InputException($"output '{output}' is a file; pass a folder with {Setting.Output}");
        if (Path.GetPathRoot(target) == target || target == Path.TrimEndingDirectorySeparator(Path.GetFullPath(".")))
            throw new InputException($"output '{output}' would replace a whole folder tree; pass a dedicated results folder with {Setting.Output}");

        var inside = target + Path.DirectorySeparatorChar;
        foreach (var path in protectedPaths)
        {
            var full = Path.GetFullPath(path);
            if (full.StartsWith(inside, StringComparison.Ordinal))
                throw new InputException($"output '{output}' holds an input ('{path}'); choose another folder with {Setting.Output}");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            if (!overwrite)
                throw new InputException($"output folder '{output}' is not empty; pass {Setting.Overwrite} to replace it, or choose another folder with {Setting.Output}");
            if (!IsEarlierResult(target))
                throw new InputException($"output folder '{output}' is not a results folder (it has no {MarkerName}); it is left as it is: ",
                                         $"choose another folder with {Setting.Output}");
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        RemoveStale(parent, Path.GetFileName(target));
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, MarkerName), "Made by FaceClustering's cluster, which may replace this folder with a newer result.\n");
        return new ResultsFolder(target, staging);
    }

    /// <summary>
    /// Staging and replaced folders that runs killed before they finished left beside the target. The caller holds
    /// the target's writer lock (<see cref="IO.WriterLock"/>), so no other run is using any of them.
    /// </summary>
    private static void RemoveStale(string parent, string name)
    {
        foreach (var pattern in new[] { $".{name}.partial-*", $".{name}.old-*" })
        foreach (var stale in Directory.EnumerateDirectories(parent, pattern))
        {
            try { Directory.Delete(stale, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static bool IsEarlierResult(string folder)
    {
        if (File.Exists(Path.Combine(folder, MarkerName))) return true;
        var csv = Path.Combine(folder, ClusterCsvWriter.FileName);
        try
        {
            using var reader = new StreamReader(csv);
            return reader.ReadLine() is ClusterCsvWriter.HeaderLine or ClusterCsvWriter.EarlierHeaderLine;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Moves the finished results into place, replacing the previous ones.</summary>
    public void Publish()
    {
        string? old = null;
        if (Directory.Exists(_target))
        {
            old = Path.Combine(Path.GetDirectoryName(_target)!, $".{Path.GetFileName(_target)}.old-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.Move(_target, old);
        }
        Directory.Move(Staging, _target);
        _published = true;
        if (old is not null) Directory.Delete(old, recursive: true);
    }

    public void Dispose()
    {
        if (_published) return;
        try { Directory.Delete(Staging, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
