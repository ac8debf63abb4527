namespace FaceClustering.Core.IO;

/// <summary>Whether a path lies inside a folder, by the names alone (both absolute, ".." already resolved).</summary>
public static class FolderPaths
{
    private static readonly StringComparison Comparison =
        OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies below it.</summary>
    public static bool IsUnder(string path, string folder)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(folder);
        if (path.Equals(trimmed, Comparison)) return true;
        if (!path.StartsWith(trimmed, Comparison) || path.Length <= trimmed.Length) return false;
        return Path.EndsInDirectorySeparator(trimmed) || path[trimmed.Length] == Path.DirectorySeparatorChar
               || path[trimmed.Length] == Path.AltDirectorySeparatorChar;
    }
}
