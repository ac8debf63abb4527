using System.Diagnostics;
using System.Security.Cryptography;
using FaceClustering.Core.IO;
using FaceClustering.Tests.Encode;

namespace FaceClustering.Tests.EndToEnd;

/// <summary>
/// One case per class of hostile or unlucky input (issue 15), each built here, run through the real tool as a
/// process: the expected exit code, one stderr line naming the file and the reason, no stack trace, the photos and a
/// decoy folder beside them byte for byte as before (SHA-256 of every file), peak memory under 1 GiB (VmHWM from
/// /proc while the tool runs) and an end within two minutes (a hang is killed and fails the case).
/// </summary>
[Collection(nameof(ModelsCollection))]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // FIFOs, symbolic links to folders, /proc
public sealed class HostileInputCorpusTests(ModelsFixture models, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private const long MemoryCeiling = 1L << 30;

    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        // rm works beyond PATH_MAX (one case builds a folder deeper than the system opens by path); .NET does not.
        using (var rm = Process.Start("rm", ["-rf", _temp.Path])) rm.WaitForExit();
        _temp.Dispose();
    }

    /// <summary>The tool, its arguments, and what the case expects: exit code, the words of its one line (none: no
    /// line needed), where given the start of the summary on stdout and a check of what it wrote; run in
    /// <paramref name="In"/> (default: the test's folder).</summary>
    private sealed record Case(string Tool, string[] Args, int ExitCode, string[] Line, string? Summary = null,
        Action? After = null, string? In = null);

    [Theory]
    // Outputs never replace an input or a file the tool did not make.
    [InlineData("encodings path is a photo")]
    [InlineData("encodings path is someone's file")]
    [InlineData("results folder not made by cluster")]
    [InlineData("results folder holds the photos")]
    // One writer at a time.
    [InlineData("another writer holds the encodings file")]
    // Paths in an encodings file stay under the dataset root.
    [InlineData("records name files outside the dataset")]
    // Every read bounded, nothing opened that could block.
    [InlineData("png chunk length of 2 GB")]
    [InlineData("fifo named like a photo")]
    [InlineData("string length of 0xffffffff in an encodings file")]
    [InlineData("symbolic link to a folder above")]
    [InlineData("folder path longer than the system opens")]
    // No crash: one line and an exit code.
    [InlineData("bmp height int.MinValue")]
    [InlineData("empty dataset path")]
    // --update keeps one file's settings.
    [InlineData("update with other settings")]
    // CSV cells a spreadsheet would run are neutralised.
    [InlineData("photo named like a formula")]
    public void Each_case_gives_its_exit_code_and_one_line_and_touches_nothing(string name)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs, symbolic links to folders and /proc are Unix things");
        var library = PhotoLibrary.Create(_temp.Path, people: [3, 3], strangers: 1, groupPhotos: 0);
        var photos = Path.Combine(_temp.Path, "photos");
        var decoy = _temp.Combine("decoy");
        Directory.CreateDirectory(decoy);
        File.WriteAllText(Path.Combine(decoy, "notes.txt"), "not the tool's");
        File.Copy(library.PhotoPaths.First(), Path.Combine(decoy, "secret.jpg"));
        var encodings = _temp.Combine("e.msgpack");
        var @case = Build(name, library, photos, decoy, encodings);
        if (@case.Tool == "encode.dll") models.SkipIfMissing();

        var before = Fingerprint(photos, decoy);
        using var held = name == "another writer holds the encodings file"
            ? WriterLock.Acquire(encodings, "encodings file", wait: false, cancel: TestContext.Current.CancellationToken)
            : null;
        var (code, stdout, stderr, peak) = Run(@case);
        output.WriteLine($"exit {code}, peak {peak >> 20} MiB\n{stdout}{stderr}");

        Assert.Equal(@case.ExitCode, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (@case.Line.Length > 0) Assert.Single(lines, l => @case.Line.All(l.Contains));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)); // no stack trace
        Assert.DoesNotContain("Unhandled exception", stderr);
        if (@case.Summary is not null) Assert.StartsWith(@case.Summary, stdout);
        @case.After?.Invoke();
        Assert.Equal(before, Fingerprint(photos, decoy));
        Assert.True(peak < MemoryCeiling, $"peak memory {peak >> 20} MiB");
    }

    private Case Build(string name, PhotoLibrary library, string photos, string decoy, string encodings)
    {
        string[] Encode(params string[] more) => ["-i", photos, "-e", encodings, "--models", models.Store.Folder, "-j", "2", "--quiet", .. more];
        switch (name)
        {
            case "encodings path is a photo":
            {
                var photo = library.PhotoPaths.First();
                return new("encode.dll", ["-i", photos, "-e", photo, "--models", models.Store.Folder, "--quiet"], 2,
                    [$"'{photo}'", "is not an encodings file"]);
            }
            case "encodings path is someone's file":
            {
                var notes = Path.Combine(decoy, "notes.txt");
                return new("encode.dll", ["-i", photos, "-e", notes, "--models", models.Store.Folder, "--quiet"], 2,
                    [$"'{notes}'", "is not an encodings file"]);
            }
            case "results folder not made by cluster":
                return new("cluster.dll", ["-e", library.EncodingsPath, "-o", decoy, "--overwrite"], 2,
                    [$"'{decoy}'", "is not a results folder"]);
            case "results folder holds the photos":
                return new("cluster.dll", ["-e", library.EncodingsPath, "-o", photos, "--overwrite"], 2,
                    [$"'{photos}'", "holds an input"]);
            case "another writer holds the encodings file":
                return new("encode.dll", Encode(), 2, [$"'{encodings}'", "another"]);
            case "records name files outside the dataset":
            {
                var faces = library.Faces.ToList();
                var box = faces[0].Box;
                faces.Add(new FaceRecord("/etc/passwd", box, faces[0].Encoding));
                faces.Add(new FaceRecord(Path.Combine(photos, "..", "decoy", "secret.jpg"), box, faces[1].Encoding));
                EncodingsWriter.WriteAll(encodings, EncodingsHeader.Create("synthetic", "test", photos), faces);
                return new("cluster.dll", ["-e", encodings, "-o", _temp.Combine("results"), "--threshold", "0.6"], 3,
                    ["2 photo(s)", "were not read, copied or linked", "outside the dataset folder", "(first: '"]);
            }
            case "png chunk length of 2 GB":
            {
                var png = Path.Combine(photos, "chunk.png");
                File.WriteAllBytes(png, BombTests.Png(16, 16, BombTests.Zeros(256), idatLength: 0x7FFF_FFF0));
                return new("encode.dll", Encode(), 3, [$"'{png}'", "not an image that can be decoded"]);
            }
            case "fifo named like a photo":
            {
                var fifo = Path.Combine(photos, "fifo.jpg");
                using (var mkfifo = Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
                return new("encode.dll", Encode(), 3, [$"'{fifo}'", "not a regular file"]);
            }
            case "string length of 0xffffffff in an encodings file":
            {
                EncodingsWriter.WriteAll(encodings, EncodingsHeader.Create("m", "cnn", photos), []);
                byte[] record = [0x82, 0xA9, .. "imagePath"u8, 0xA5, .. "a.jpg"u8, 0xA1, (byte)'x', 0xDB, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3];
                File.AppendAllBytes(encodings, record);
                return new("cluster.dll", ["-e", encodings, "-o", _temp.Combine("results")], 2,
                    [$"'{encodings}'", "not valid MessagePack"]);
            }
            case "symbolic link to a folder above":
            {
                // photos/deep/up -> photos: a scan that follows it blindly lists every photo again and again under
                // ever longer paths. Each real photo is listed once (the library's 7, and the one bad file).
                Directory.CreateDirectory(Path.Combine(photos, "deep"));
                File.CreateSymbolicLink(Path.Combine(photos, "deep", "up"), photos);
                var notes = Path.Combine(photos, "notes.jpg");
                File.WriteAllText(notes, "not a photo");
                return new("encode.dll", Encode(), 3, [$"'{notes}'", "not an image"],
                    Summary: $"{library.PhotoPaths.Count()} images, ");
            }
            case "folder path longer than the system opens":
            {
                // 17 nested folders of 250-byte names, made by relative steps (no path that long can be opened), and a
                // photo at the bottom: left out, but said, not silently missing.
                var name250 = new string('d', 250);
                var script = $"cd '{photos}' && for i in $(seq 17); do mkdir {name250} && cd {name250}; done && cp '{library.PhotoPaths.First()}' deep.jpg";
                using (var bash = Process.Start("/bin/bash", ["-c", script])) bash.WaitForExit();
                return new("encode.dll", Encode(), 3, ["skipped '", "a folder whose path is longer than the system opens"],
                    Summary: $"{library.PhotoPaths.Count()} images, ");
            }
            case "bmp height int.MinValue":
            {
                var bmp = Path.Combine(photos, "absurd.bmp");
                File.WriteAllBytes(bmp, TestImages.BmpHeader(16, int.MinValue));
                return new("encode.dll", Encode(), 3, [$"'{bmp}'", "too large"]);
            }
            case "empty dataset path":
                return new("encode.dll", ["-i", "", "-e", encodings, "--models", models.Store.Folder], 2, ["-i", "empty path"]);
            case "update with other settings":
            {
                var first = Run(new("encode.dll", Encode(), 0, []));
                Assert.True(first.Code == 0, first.Stderr);
                return new("encode.dll", Encode("--update", "--jitters", "2"), 2, [$"'{encodings}'", "jitters 1", "jitters 2"]);
            }
            case "photo named like a formula":
            {
                // encode run inside the photo folder records relative paths, so "=1+1.jpg" starts a CSV cell.
                var faces = library.Faces.Select(f => f with { ImagePath = Path.GetFileName(f.ImagePath) }).ToList();
                File.Copy(library.Faces[0].ImagePath, Path.Combine(photos, "=1+1.jpg"));
                faces[0] = faces[0] with { ImagePath = "=1+1.jpg" };
                EncodingsWriter.WriteAll(encodings, EncodingsHeader.Create("synthetic", "test", photos), faces);
                var results = _temp.Combine("results");
                return new("cluster.dll", ["-e", encodings, "-o", results, "--threshold", "0.6"], 0, [], After: () =>
                {
                    var csv = File.ReadAllLines(Path.Combine(results, "clusters.csv"));
                    Assert.Contains(csv, l => l.StartsWith("\"'=1+1.jpg\",", StringComparison.Ordinal));
                    Assert.DoesNotContain(csv, l => l.StartsWith('='));
                }, In: photos);
            }
            default:
                throw new ArgumentException($"no case named '{name}'", nameof(name));
        }
    }

    /// <summary>Runs the tool as a process: exit code, output, and its peak resident memory; killed past the patience.</summary>
    private (int Code, string Stdout, string Stderr, long Peak) Run(Case @case)
    {
        using var process = Executable.Start(@case.Tool, @case.In ?? _temp.Path, @case.Args);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        long peak = 0;
        while (!process.WaitForExit(50))
        {
            peak = Math.Max(peak, PeakOf(process.Id));
            if (clock.Elapsed <= Patience) continue;
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{@case.Tool} {string.Join(' ', @case.Args)} still running after {Patience.TotalSeconds:F0} s: a hang");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result, peak);
    }

    /// <summary>VmHWM of a running process in bytes (0 once it is gone).</summary>
    private static long PeakOf(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>SHA-256 of every file with content under the folders; links, folders and empty or special files
    /// (a FIFO reports no length) by kind, never opened; a folder too deep to list, as such.</summary>
    private static SortedDictionary<string, string> Fingerprint(params string[] folders)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<string>(folders);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            if (folder.Length == 0) continue; // (a name .NET could not make whole, past PATH_MAX)
            try
            {
                foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
                {
                    result[entry.FullName] = entry switch
                    {
                        { LinkTarget: { } target } => "link to " + target,
                        DirectoryInfo => "folder",
                        FileInfo { Length: 0 } => "empty or special",
                        _ => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry.FullName))),
                    };
                    if (entry is DirectoryInfo && entry.LinkTarget is null) pending.Push(entry.FullName);
                }
            }
            catch (Exception e) when (e is IOException or ArgumentException) // ArgumentException: .NET past PATH_MAX
            {
                result[folder] = "too deep to list";
            }
        }
        return result;
    }
}
