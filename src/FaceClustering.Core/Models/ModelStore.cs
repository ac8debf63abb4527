using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using FaceClustering.Core.IO;

namespace FaceClustering.Core.Models;

/// <summary>
/// Makes the face models available: the pinned npm package <c>@vladmandic/face-api@1.7.15</c> is fetched once
/// with the npm client (<c>npm pack</c>), hash-checked, and its model files (and six demo photos, the default
/// dataset) are copied out; afterwards everything runs offline. The folder is <c>--models</c>, else the
/// <c>FACECLUSTERING_MODELS</c> environment variable, else <c>models/</c>.
/// </summary>
public sealed class ModelStore
{
    public const string EnvironmentVariable = "FACECLUSTERING_MODELS";
    public const string DefaultFolder = "models";

    public ModelStore(string folder) => Folder = Path.GetFullPath(folder);

    public string Folder { get; }

    public static string ResolveFolder(string? option) =>
        !string.IsNullOrEmpty(option) ? option
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env
        : DefaultFolder;

    public string PathOf(string fileName) => Path.Combine(Folder, fileName);

    /// <summary>The model files that are missing or whose hash is wrong.</summary>
    public IReadOnlyList<PinnedFile> Problems() =>
        PinnedFile.All.Where(f => f.Destination == "models" && !HasValidCopy(PathOf(f.FileName), f)).ToList();

    /// <summary>
    /// Restores the models when any is missing (and the demo photos into <paramref name="datasetFolder"/> when
    /// given). Returns a line to show the user when something was restored, or null when all was in place.
    /// </summary>
    public string? EnsureRestored(string? datasetFolder = null, Action<string>? log = null)
    {
        var missingModels = Problems();
        var missingPhotos = datasetFolder is null
            ? []
            : PinnedFile.All.Where(f => f.Destination == "dataset" && !File.Exists(Path.Combine(datasetFolder, f.FileName))).ToList();
        if (missingModels.Count == 0 && missingPhotos.Count == 0) return null;

        // A folder the user chose and filled by hand is never overwritten silently.
        var wrong = missingModels.Where(f => File.Exists(PathOf(f.FileName))).ToList();
        if (wrong.Count > 0 && !IsOurs())
            throw new ModelRestoreException(
                $"model file '{PathOf(wrong[0].FileName)}' does not match the pinned SHA-256 {wrong[0].Sha256[..12]}...; ",
                $"delete it (or the folder '{Folder}') and run again to restore {PinnedFile.PackageName}@{PinnedFile.PackageVersion}");

        log?.Invoke($"restoring {PinnedFile.PackageName}@{PinnedFile.PackageVersion} with npm into '{Folder}' (once; offline afterwards)");
        var work = Directory.CreateTempSubdirectory("faceclustering-restore-");
        try
        {
            var tgz = Pack(work.FullName);
            Extract(tgz, work.FullName, missingModels.Concat(missingPhotos).ToList(), datasetFolder);
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { }
        }

        var still = Problems();
        if (still.Count > 0)
            throw new ModelRestoreException($"model file '{still[0].FileName}' is still missing or wrong after the restore");
        return $"restored {missingModels.Count} model file(s)" +
               (missingPhotos.Count > 0 ? $" and {missingPhotos.Count} demo photo(s) into '{datasetFolder}'" : "");
    }

    private bool IsOurs() => File.Exists(Path.Combine(Folder, ".restored"));

    private string Pack(string workFolder)
    {
        var package = PinnedFile.Package;
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = workFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "pack", $"{PinnedFile.PackageName}@{PinnedFile.PackageVersion}", "--silent" })
            start.ArgumentList.Add(arg);

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new ModelRestoreException(
                $"npm is not installed, and the face models are not in '{Folder}': install Node.js with npm ",
                $"(Debian: apt-get install npm) and run again, or put the files of {PinnedFile.PackageName}@{PinnedFile.PackageVersion}'s ",
                $"model/ folder there yourself (or give {Setting.Models} DIR)");
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                throw new ModelRestoreException($"npm pack did not finish in 10 minutes; check the network access to the npm registry and run again");
            }
            if (process.ExitCode != 0)
                throw new ModelRestoreException(
                    $"npm pack {PinnedFile.PackageName}@{PinnedFile.PackageVersion} failed ({FirstLine(stderr.Result)}); check the access to the npm registry and run again");
        }

        var tgz = Path.Combine(workFolder, package.PackagePath);
        if (!File.Exists(tgz))
            throw new ModelRestoreException($"npm pack did not produce {package.PackagePath}");
        if (!HasValidCopy(tgz, package))
            throw new ModelRestoreException(
                $"the downloaded {package.PackagePath} does not match its pinned SHA-256; the registry served a different file, nothing was installed");
        return tgz;
    }

    private void Extract(string tgz, string workFolder, List<PinnedFile> wanted, string? datasetFolder)
    {
        var byPath = wanted.ToDictionary(f => "package/" + f.PackagePath, StringComparer.Ordinal);
        using var file = File.OpenRead(tgz);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is null || !byPath.Remove(entry.Name, out var pinned)) continue;
            var staged = Path.Combine(workFolder, pinned.FileName);
            using (var output = File.Create(staged)) entry.DataStream.CopyTo(output);
            if (!HasValidCopy(staged, pinned))
                throw new ModelRestoreException($"{pinned.PackagePath} in the package does not match its pinned SHA-256; nothing was installed");

            var destination = pinned.Destination == "models" ? Folder : datasetFolder!;
            Directory.CreateDirectory(destination);
            File.Move(staged, Path.Combine(destination, pinned.FileName), overwrite: true); // complete files only
        }
        if (byPath.Count > 0)
            throw new ModelRestoreException($"{byPath.Keys.First()} is not in the package");
        AtomicFile.WriteAllBytes(Path.Combine(Folder, ".restored"), System.Text.Encoding.UTF8.GetBytes($"{PinnedFile.PackageName}@{PinnedFile.PackageVersion}\n"));
    }

    private static bool HasValidCopy(string path, PinnedFile pinned)
    {
        if (!File.Exists(path)) return false;
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream)) == pinned.Sha256;
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
}
