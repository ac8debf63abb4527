namespace FaceClustering.Core;

/// <summary>A path a run is given (a folder, a file to read or write), checked where an options record takes it.</summary>
public static class PathOption
{
    /// <summary><paramref name="path"/>, refused with one line when it is empty or holds a NUL character (no system can open it).</summary>
    public static string Checked(Setting setting, string path, string example) =>
        path.Length == 0 ? throw new OptionException(setting, null, $"is an empty path; give one such as {example}")
        : path.Contains('\0') ? throw new OptionException(setting, null, $"holds a NUL character; no file has such a name")
        : path;

    public static string? CheckedOrNull(Setting setting, string? path, string example) =>
        path is null ? null : Checked(setting, path, example);
}
