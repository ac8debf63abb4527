using System.Security.Cryptography;

namespace FaceClustering.Tests.EndToEnd;

/// <summary>The photos are never touched: the dataset tree is byte-identical after encode and every kind of cluster run.</summary>
[Collection(nameof(ModelsCollection))]
public class ReadOnlyDatasetTests(ModelsFixture models) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Encode_and_cluster_leave_the_dataset_byte_identical()
    {
        models.SkipIfMissing();
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        var dataset = _temp.Combine("dataset");
        foreach (var person in new[] { "neymar", "penny" })
        {
            Directory.CreateDirectory(Path.Combine(dataset, person));
            foreach (var file in Directory.GetFiles(Path.Combine(dev!, "images", person)))
                File.Copy(file, Path.Combine(dataset, person, Path.GetFileName(file)));
        }
        var before = Snapshot(dataset);

        var encodings = _temp.Combine("e.msgpack");
        Assert.Equal(0, EncodeCommand.InProcess("-i", dataset, "-e", encodings, "--models", models.Store.Folder).ExitCode);
        foreach (var link in new[] { "copy", "hard", "symbolic" })
            Assert.Equal(0, ClusterCommand.InProcess("-e", encodings, "-o", _temp.Combine("out"), "--overwrite", "--link", link, "--min-samples", "2").ExitCode);

        Assert.Equal(before, Snapshot(dataset));
    }

    /// <summary>Every entry's relative path, size, modification time and SHA-256.</summary>
    private static List<string> Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(path =>
        {
            var info = new FileInfo(path);
            var hash = File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "dir";
            return $"{Path.GetRelativePath(root, path)} {(File.Exists(path) ? info.Length : 0)} {info.LastWriteTimeUtc.Ticks} {hash}";
        }).ToList();
}
