using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FaceClustering.Tests.EndToEnd;

/// <summary>
/// The README's shell examples, run as written with bash, each in a folder of its own, with `encode` and `cluster`
/// on PATH (the built tools) and stand-ins only for what this machine lacks (a ~/Pictures, a Slurm scheduler, a
/// /shared disk); the figures the README quotes are checked against what the commands print.
/// </summary>
[Collection(nameof(ModelsCollection))]
public class ReadmeExamplesTests(ModelsFixture models, ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_pipelines_example_encodes_the_days_new_photos_and_keeps_the_rest()
    {
        var dev = Prerequisites();
        var pictures = _temp.Combine("home", "Pictures");
        Directory.CreateDirectory(pictures);
        var old = CopyPhotos(dev, "neymar", pictures, 3);
        foreach (var photo in old) File.SetLastWriteTimeUtc(photo, DateTime.UtcNow.AddDays(-3));
        Assert.Equal(0, Bash($"encode -i '{pictures}' -e library.msgpack --quiet").Code); // last week's run
        CopyPhotos(dev, "lionel_messi", pictures, 3); // today's photos

        var (code, text) = Bash(Block("# encode only photos changed in the last day"), home: _temp.Combine("home"));
        output.WriteLine(text);
        // grep exits 1 when it finds no line, here when every face is in a cluster.
        Assert.True(code == 0 || code == 1 && File.ReadAllText(_temp.Combine("unclustered.csv")).Length == 0, $"exit code {code}");
        Assert.Contains("3 encoded, 3 unchanged, 0 removed", text);
        var faces = FaceSet.Load(_temp.Combine("library.msgpack"));
        Assert.Equal(6, faces.ImagePaths.Distinct().Count());
        var unclustered = File.ReadAllLines(_temp.Combine("unclustered.csv"));
        Assert.All(unclustered, line => Assert.EndsWith(",-1", line));
        Assert.True(File.Exists(_temp.Combine("results", "library", "clusters.csv")));
    }

    [Fact]
    public void The_slurm_example_runs_with_a_local_stand_in_for_the_scheduler()
    {
        var dev = Prerequisites();
        var shared = _temp.Combine("shared");
        Directory.CreateDirectory(Path.Combine(shared, "photos"));
        Directory.CreateDirectory(Path.Combine(shared, "enc"));
        CopyPhotos(dev, "neymar", Path.Combine(shared, "photos"), 3);
        CopyPhotos(dev, "mohamed_salah", Path.Combine(shared, "photos"), 3); // 6 photos over 8 shards: some are empty

        var block = Block("#SBATCH --array=1-8").Replace("/shared/", shared + "/");
        var parts = block.Split("# then, once all eight are done:");
        Assert.Equal(2, parts.Length);
        // The array job: each task in turn, as Slurm would run them; then the final step.
        var script = $"for SLURM_ARRAY_TASK_ID in $(seq 1 8); do\n{parts[0]}\ndone\n{parts[1]}";
        var (code, text) = Bash(script);
        output.WriteLine(text);
        Assert.Equal(0, code);
        Assert.Equal(8, Directory.GetFiles(Path.Combine(shared, "enc"), "part-*.msgpack").Length);
        var rows = File.ReadAllLines(Path.Combine(shared, "results", "clusters.csv")).Skip(1).ToList();
        Assert.Equal(6, rows.Select(r => r.Split(',')[0]).Distinct().Count()); // every photo, from its shard
    }

    [Fact]
    public void The_dev_set_example_prints_the_figures_of_the_readmes_table()
    {
        Prerequisites();
        // Run from a folder beside the repository's, so that ../shared is the shared folder, as the README assumes.
        var (code, text) = Bash(Block("encode -i ../shared/datasets/dev/images -e dev.msgpack")
            .Replace("../shared", Repository.Shared!));
        output.WriteLine(text);
        Assert.Equal(0, code);
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var intro = Regex.Match(readme, @"worked example on `\.\./shared/datasets/dev` \((\d+) faces in (\d+) photos, (\d+) labelled\)");
        Assert.True(intro.Success, "the worked example's introduction");
        Assert.Contains($"{intro.Groups[2].Value} images, {intro.Groups[1].Value} faces", text);
        Assert.Contains($"{intro.Groups[3].Value} labelled photos", text);

        var row = Regex.Match(readme, @"\| default \(`average-linkage`, threshold ([0-9.]+)\) \| (\d+) \| (\d+) \| ([0-9.]+) \| ([0-9.]+) \| \*\*([0-9.]+)\*\* \|");
        Assert.True(row.Success, "the table's default row");
        var printed = Regex.Match(text, @"BCubed precision ([0-9.]+) recall ([0-9.]+) F ([0-9.]+)");
        Assert.True(printed.Success, text);
        string Three(string value) => double.Parse(value, CultureInfo.InvariantCulture).ToString("F3", CultureInfo.InvariantCulture);
        Assert.Equal((row.Groups[4].Value, row.Groups[5].Value, row.Groups[6].Value),
            (Three(printed.Groups[1].Value), Three(printed.Groups[2].Value), Three(printed.Groups[3].Value)));
        Assert.Contains($"{row.Groups[2].Value} people in 2 or more photos", text);
        Assert.Contains($"{row.Groups[3].Value} faces of people seen once", text);
    }

    [Fact]
    public void The_people_example_keeps_names_and_ids_as_the_library_grows()
    {
        var dev = Prerequisites();
        Directory.CreateDirectory(_temp.Combine("photos"));
        Directory.CreateDirectory(_temp.Combine("more"));
        foreach (var person in new[] { "mohamed_salah", "neymar" })
        {
            var photos = Directory.GetFiles(Path.Combine(dev, "images", person)).Order(StringComparer.Ordinal).ToList();
            foreach (var (photo, k) in photos.Take(6).Select((p, k) => (p, k)))
                File.Copy(photo, _temp.Combine(k < 3 ? "photos" : "more", person + "-" + Path.GetFileName(photo)));
        }
        CopyPhotos(dev, "lionel_messi", _temp.Combine("more"), 6);

        var (code, text) = Bash(Block("encode -i photos -e library/encodings.msgpack --quiet"));
        output.WriteLine(text);
        Assert.Equal(0, code);
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var said = Regex.Match(readme, "The second `cluster` prints `(cluster: people: [^`]+)` on stderr");
        Assert.True(said.Success, "the README's sentence on what the second run prints");
        Assert.Contains(said.Groups[1].Value, text);
        var results = _temp.Combine("library", "results");
        foreach (var folder in new[] { "Mohamed Salah (1)", "Neymar (2)", "person-3" })
            Assert.True(Directory.Exists(Path.Combine(results, folder)), folder);
        // Every photo of each footballer is in their own folder, whichever run it came in.
        foreach (var (person, folder) in new[] { ("mohamed_salah", "Mohamed Salah (1)"), ("neymar", "Neymar (2)"), ("lionel_messi", "person-3") })
            foreach (var photo in Directory.GetFiles(_temp.Combine("photos"), person + "-*"))
                Assert.True(File.Exists(Path.Combine(results, folder, Path.GetFileName(photo))), $"{photo} is not in {folder}");
        var changes = File.ReadAllLines(Path.Combine(results, "changes.jsonl"));
        Assert.Contains(changes, c => c.StartsWith("{\"change\":\"grew\",\"person\":1,", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.StartsWith("{\"change\":\"grew\",\"person\":2,", StringComparison.Ordinal));
        Assert.Contains("{\"change\":\"renamed\",\"person\":1,\"name\":\"Mohamed Salah\"}", changes);
        Assert.Contains("{\"change\":\"renamed\",\"person\":2,\"name\":\"Neymar\"}", changes);
        Assert.Contains(changes, c => c.StartsWith("{\"change\":\"new\",\"person\":3,", StringComparison.Ordinal));
    }

    [Fact]
    public void The_install_line_puts_both_tools_on_path()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "tools/install.sh is a bash script for Linux and macOS");
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        Assert.Contains("    bash tools/install.sh", readme);
        var folder = _temp.Combine("installed");
        var (code, text) = Bash($"eval \"$(bash '{Path.Combine(Repository.Root, "tools", "install.sh")}' '{folder}')\"\n" +
                                "command -v encode; command -v cluster; encode --help | head -3; cluster --help | head -3", toolsOnPath: false);
        output.WriteLine(text);
        Assert.Equal(0, code);
        Assert.Contains(Path.Combine(folder, "encode"), text);
        Assert.Contains(Path.Combine(folder, "cluster"), text);
        Assert.Contains("Detect every face in a folder of photos", text); // encode --help
        Assert.Contains("Group the faces of an encodings file into people", text); // cluster --help
    }

    private string Prerequisites()
    {
        models.SkipIfMissing();
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the README's examples are bash");
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        return dev!;
    }

    private static List<string> CopyPhotos(string dev, string person, string folder, int count)
    {
        var copies = new List<string>();
        foreach (var photo in Directory.GetFiles(Path.Combine(dev, "images", person)).Order(StringComparer.Ordinal).Take(count))
        {
            var copy = Path.Combine(folder, person + "-" + Path.GetFileName(photo));
            File.Copy(photo, copy);
            copies.Add(copy);
        }
        return copies;
    }

    /// <summary>The README's indented code block that starts with <paramref name="firstLine"/>, unindented.</summary>
    private static string Block(string firstLine)
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("    " + firstLine, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no README block starts with '{firstLine}'");
        return string.Join("\n", lines.Skip(start).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l[4..]));
    }

    /// <summary>Runs a bash script in the test's folder (stopping at the first failure), with the built tools on PATH.</summary>
    private (int Code, string Text) Bash(string script, bool toolsOnPath = true, string? home = null)
    {
        var bin = _temp.Combine("bin");
        if (toolsOnPath && !Directory.Exists(bin))
        {
            Directory.CreateDirectory(bin);
            var dotnet = Executable.Dotnet;
            foreach (var tool in new[] { "encode", "cluster" })
            {
                var wrapper = Path.Combine(bin, tool);
                File.WriteAllText(wrapper, $"#!/bin/sh\nexec '{dotnet}' '{Path.Combine(AppContext.BaseDirectory, tool + ".dll")}' \"$@\"\n");
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        var start = new ProcessStartInfo("/bin/bash") { WorkingDirectory = _temp.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-eo");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        if (home is not null) start.Environment["HOME"] = home;
        start.Environment["FACECLUSTERING_MODELS"] = models.Store.Folder;
        if (toolsOnPath) start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, text + error.Result);
    }
}
