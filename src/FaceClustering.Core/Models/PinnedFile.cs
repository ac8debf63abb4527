using System.Reflection;

namespace FaceClustering.Core.Models;

/// <summary>One file of the pinned model package and its SHA-256 (from the embedded model-files.sha256).</summary>
public sealed record PinnedFile(string Sha256, string PackagePath, string Destination)
{
    public const string PackageName = "@vladmandic/face-api";
    public const string PackageVersion = "1.7.15";

    public string FileName => Path.GetFileName(PackagePath);

    public static IReadOnlyList<PinnedFile> All { get; } = Load();

    public static PinnedFile Package => All.Single(f => f.Destination == "package");

    private static List<PinnedFile> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("FaceClustering.Core.Models.model-files.sha256")
                           ?? throw new InvalidOperationException("model-files.sha256 is not embedded");
        using var reader = new StreamReader(stream);
        var files = new List<PinnedFile>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            files.Add(new PinnedFile(parts[0], parts[1], parts[2]));
        }
        return files;
    }
}
