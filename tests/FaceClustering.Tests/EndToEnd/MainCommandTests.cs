namespace FaceClustering.Tests.EndToEnd;

/// <summary>The README's main job, as the real executables run it in a fresh working folder.</summary>
[Collection(nameof(ModelsCollection))]
public class MainCommandTests(ModelsFixture models, ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Encode_then_cluster_on_the_default_dataset_writes_montages()
    {
        models.SkipIfMissing();
        // encode restores the demo photos into datasets/default_dataset (npm pack), using the models already here.
        var encode = Run("encode.dll", "--models", models.Store.Folder, "-j", "2");
        output.WriteLine(encode.Stdout + encode.Stderr);
        Assert.Equal(0, encode.ExitCode);
        Assert.Equal(6, Directory.GetFiles(_temp.Combine("datasets", "default_dataset"), "sample*.jpg").Length);
        Assert.Matches(@"^6 images, \d+ faces, 0 images without a face, 0 files skipped", encode.Stdout);
        Assert.True(File.Exists(_temp.Combine("encodings", "encodings.msgpack")));

        var cluster = Run("cluster.dll");
        output.WriteLine(cluster.Stdout + cluster.Stderr);
        Assert.Equal(0, cluster.ExitCode);
        var montages = Directory.GetFiles(_temp.Combine("results", "default_result"), "montage.jpg", SearchOption.AllDirectories);
        Assert.NotEmpty(montages);
        Assert.Contains($"({montages.Length} montages: ", cluster.Stdout);

        // The README shows what the main job prints: the line after "`cluster` then prints".
        var readme = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));
        var shown = readme.SkipWhile(l => !l.StartsWith("`cluster` then prints", StringComparison.Ordinal))
            .Skip(1).First(l => l.Trim().Length > 0).Trim();
        Assert.Equal(shown, cluster.Stdout.Trim());
    }

    private CommandResult Run(string dll, params string[] args) =>
        Executable.Run(dll, _temp.Path, args);
}
