using FaceClustering.Tests.TestSupport;

namespace FaceClustering.Tests.Export;

public sealed class ResultsFolderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void What_killed_runs_left_beside_the_results_is_removed_by_the_next_run_and_nothing_else()
    {
        var library = PhotoLibrary.Create(_temp.Combine("lib"), [3, 3]);
        var parent = _temp.Combine("results");
        var output = Path.Combine(parent, "out");
        // A run killed while building (a staging folder) and one killed while swapping (the replaced folder).
        foreach (var stale in new[] { ".out.partial-99999-0123abcd", ".out.old-99998-4567ef01" })
        {
            Directory.CreateDirectory(Path.Combine(parent, stale, "person-1"));
            File.WriteAllText(Path.Combine(parent, stale, "person-1", "img.jpg"), "half");
        }
        Directory.CreateDirectory(Path.Combine(parent, ".other.partial-1-x")); // another output's: not ours to remove
        File.WriteAllText(Path.Combine(parent, "notes.txt"), "mine");

        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output).ExitCode);
        Assert.Equal([".other.partial-1-x", ".out.lock", "notes.txt", "out"],
            Directory.EnumerateFileSystemEntries(parent).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
