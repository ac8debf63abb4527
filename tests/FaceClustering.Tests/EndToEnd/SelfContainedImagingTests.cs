using System.Diagnostics;

namespace FaceClustering.Tests.EndToEnd;

/// <summary>
/// The tools need no system library beyond the base system: every native library they ship links only libc, libm,
/// libstdc++ and their kin, and encode and cluster (with montages) run where GTK cannot be loaded.
/// </summary>
[Collection(nameof(ModelsCollection))]
public class SelfContainedImagingTests(ModelsFixture models, ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>What Debian's base system (libc6, libgcc-s1, libstdc++6) provides, by soname prefix.</summary>
    private static readonly string[] BaseSystem =
        ["linux-vdso.so", "libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so", "libresolv.so", "libstdc++.so",
         "libgcc_s.so", "ld-linux-x86-64.so", "/lib64/ld-linux-x86-64.so"];

    [Fact]
    public void Every_native_library_needs_only_the_base_system()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists("/usr/bin/ldd"), "ldd is a Linux tool (and /usr/bin/ldd is missing)");
        var folder = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        var libraries = Directory.GetFiles(folder, "*.so*");
        Assert.Contains(libraries, l => Path.GetFileName(l) == "libSkiaSharp.so");
        Assert.Contains(libraries, l => Path.GetFileName(l) == "libvips.so.42");
        Assert.DoesNotContain(libraries, l => Path.GetFileName(l).Contains("OpenCv", StringComparison.OrdinalIgnoreCase));
        foreach (var library in libraries)
        {
            var (code, text) = Shell("/usr/bin/ldd", library);
            Assert.True(code == 0, $"ldd {library}: {text}");
            var needed = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(' ')[0]).ToList();
            output.WriteLine($"{Path.GetFileName(library)}: {string.Join(" ", needed)}");
            var foreign = needed.Where(n => !BaseSystem.Any(n.StartsWith)).ToList();
            Assert.True(foreign.Count == 0, $"{Path.GetFileName(library)} needs {string.Join(", ", foreign)}");
            Assert.DoesNotContain(needed, n => n.Contains("not found"));
        }
    }

    [Fact]
    public void Encode_and_cluster_with_montages_run_with_gtk_hidden()
    {
        models.SkipIfMissing();
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/unshare"),
            "hiding GTK takes a private mount namespace: Linux, root and unshare (util-linux)");
        // Bind an empty file over every libgtk-3 on the system, in a mount namespace of this command alone.
        var empty = _temp.Combine("empty.so");
        File.WriteAllBytes(empty, []);
        var dotnet = Executable.Dotnet;
        string Tool(string dll) => $"'{dotnet}' '{Path.Combine(AppContext.BaseDirectory, dll)}'";
        var photos = _temp.Combine("photos");
        Directory.CreateDirectory(photos);
        foreach (var person in new[] { "lionel_messi", "neymar" })
        foreach (var photo in Directory.GetFiles(Path.Combine(dev!, "images", person)).Order().Take(3))
            File.Copy(photo, Path.Combine(photos, person + "-" + Path.GetFileName(photo)));
        var encodings = _temp.Combine("e.msgpack");
        var results = _temp.Combine("results");
        var script = $"""
            set -e
            for gtk in $(ls /usr/lib/*/libgtk-3.so* /usr/lib/libgtk-3.so* 2>/dev/null); do mount --bind '{empty}' "$gtk"; done
            if ls /usr/lib/*/libgtk-3.so.0 >/dev/null 2>&1; then test ! -s "$(ls /usr/lib/*/libgtk-3.so.0 | head -1)"; fi
            {Tool("encode.dll")} -i '{photos}' -e '{encodings}' --models '{models.Store.Folder}' -j 2 --quiet
            {Tool("cluster.dll")} -e '{encodings}' -o '{results}' --threshold 0.6
            """;
        var (code, text) = Shell("/usr/bin/unshare", "-m", "/bin/bash", "-c", script);
        output.WriteLine(text);
        Assert.True(code == 0, text);
        var montages = Directory.GetFiles(results, "montage.jpg", SearchOption.AllDirectories);
        Assert.NotEmpty(montages);
        using var montage = TestImages.Read(montages[0]);
        Assert.Equal((480, 480), (montage.Width, montage.Height));
    }

    [Fact]
    public void A_native_library_that_cannot_load_gives_one_line_and_exit_code_4()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/unshare"),
            "damaging a library for one command takes a private mount namespace: Linux, root and unshare (util-linux)");
        var library = PhotoLibrary.Create(_temp.Path, people: [3, 3], strangers: 0, groupPhotos: 0);
        var skia = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libSkiaSharp.so");
        Assert.True(File.Exists(skia), skia);
        var empty = _temp.Combine("empty.so");
        File.WriteAllBytes(empty, []);
        var dotnet = Executable.Dotnet;
        var script = $"mount --bind '{empty}' '{skia}' && '{dotnet}' '{Path.Combine(AppContext.BaseDirectory, "cluster.dll")}' " +
                     $"-e '{library.EncodingsPath}' -o '{_temp.Combine("results")}'";
        var (code, text) = Shell("/usr/bin/unshare", "-m", "/bin/bash", "-c", script);
        output.WriteLine(text);
        Assert.Equal(4, code);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines, l => l.StartsWith("cluster: cannot load the native library", StringComparison.Ordinal));
        Assert.Contains("libSkiaSharp", line);
        Assert.Contains("build the tool again", line);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)); // no stack trace
    }

    private static (int Code, string Text) Shell(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, text + error.Result);
    }
}
