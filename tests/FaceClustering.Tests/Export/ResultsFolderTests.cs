using System.Diagnostics;

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

    [Fact]
    public void A_disk_that_fills_up_exits_1_with_one_line_and_leaves_the_previous_results()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/unshare"),
            "a small disk of its own takes a private mount namespace: Linux, root and unshare (util-linux)");
        var library = PhotoLibrary.Create(_temp.Combine("lib"), [20, 20, 20]);
        var disk = _temp.Combine("disk");
        Directory.CreateDirectory(disk);
        var cluster = $"'{Executable.Dotnet}' '{Path.Combine(AppContext.BaseDirectory, "cluster.dll")}' -e '{library.EncodingsPath}' --no-people";
        // 64 KiB: room for a clusters.csv, not for the photos and montages of a full result.
        var script = $"""
            mount -t tmpfs -o size=64k tmpfs '{disk}' || exit 90
            {cluster} -o '{disk}/out' --no-images >/dev/null 2>&1 || exit 91
            cp '{disk}/out/clusters.csv' '{_temp.Combine("first.csv")}'
            {cluster} -o '{disk}/out' --overwrite 2>'{_temp.Combine("stderr.txt")}' >/dev/null
            echo "exit=$?"
            cmp -s '{disk}/out/clusters.csv' '{_temp.Combine("first.csv")}' && echo "previous results intact"
            ls -A '{disk}'
            """;
        using var shell = Process.Start(new ProcessStartInfo("/usr/bin/unshare", ["-m", "/bin/bash", "-c", script])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = shell.StandardOutput.ReadToEnd() + shell.StandardError.ReadToEnd();
        shell.WaitForExit();
        Assert.SkipWhen(shell.ExitCode == 90, "tmpfs cannot be mounted here");
        Assert.Equal(0, shell.ExitCode);
        var lines = text.Trim().Split('\n');
        Assert.Equal("exit=1", lines[0]);
        Assert.Equal("previous results intact", lines[1]);
        Assert.Equal([".out.lock", "out"], lines[2..].Order(StringComparer.Ordinal)); // the staging folder is gone
        var stderr = File.ReadAllText(_temp.Combine("stderr.txt")).Trim();
        Assert.StartsWith("cluster: could not write the results: ", stderr);
        Assert.Contains("No space left on device", stderr);
        Assert.Single(stderr.Split('\n'));
    }
}
