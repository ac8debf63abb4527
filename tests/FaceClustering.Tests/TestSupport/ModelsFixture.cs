using FaceClustering.Core.Models;

namespace FaceClustering.Tests.TestSupport;

/// <summary>
/// The face models, restored once per test run into the repository's models/ folder (as the tools do on
/// first use). Where they cannot be restored (no npm, no registry), tests that need them skip with the reason.
/// </summary>
public sealed class ModelsFixture
{
    public ModelsFixture()
    {
        Store = new ModelStore(Path.Combine(Repository.Root, ModelStore.DefaultFolder));
        try
        {
            lock (Gate) Store.EnsureRestored();
        }
        catch (ModelRestoreException e)
        {
            SkipReason = $"the face models are not available: {e.Message}";
        }
    }

    private static readonly object Gate = new();

    public ModelStore Store { get; }

    public string? SkipReason { get; }

    public void SkipIfMissing() => Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");

    public TfjsWeights Weights(string stem) => TfjsWeights.Load(Store.Folder, stem);

    private readonly Lazy<(string Path, CommandResult Run)> _devEncodings = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "faceclustering-tests", $"dev-{Guid.NewGuid():N}.msgpack");
        var run = EncodeCommand.InProcess("-i", Path.Combine(Repository.DevDataset!, "images"), "-e", path,
            "--models", Path.Combine(Repository.Root, ModelStore.DefaultFolder));
        return (path, run);
    });

    /// <summary>The dev set encoded once per test run by the real encode command (skips where models or dev set are missing).</summary>
    public (string Path, CommandResult Run) DevEncodings()
    {
        SkipIfMissing();
        Assert.SkipWhen(Repository.DevDataset is null, "../shared/datasets/dev is not present beside the repository");
        return _devEncodings.Value;
    }
}

[CollectionDefinition(nameof(ModelsCollection))]
public sealed class ModelsCollection : ICollectionFixture<ModelsFixture>;
