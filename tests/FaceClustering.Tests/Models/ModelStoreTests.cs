using FaceClustering.Core.Models;

namespace FaceClustering.Tests.Models;

[Collection(nameof(ModelsCollection))]
public class ModelStoreTests(ModelsFixture models) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_pinned_list_names_the_four_models_and_six_demo_photos()
    {
        Assert.Equal(8, PinnedFile.All.Count(f => f.Destination == "models"));
        Assert.Equal(6, PinnedFile.All.Count(f => f.Destination == "dataset"));
        Assert.All(PinnedFile.All, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.Equal("vladmandic-face-api-1.7.15.tgz", PinnedFile.Package.PackagePath);
    }

    [Fact]
    public void The_folder_comes_from_the_option_then_the_environment_then_the_default()
    {
        Assert.Equal("mine", ModelStore.ResolveFolder("mine"));
        var old = Environment.GetEnvironmentVariable(ModelStore.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ModelStore.EnvironmentVariable, "/opt/models");
            Assert.Equal("/opt/models", ModelStore.ResolveFolder(null));
            Environment.SetEnvironmentVariable(ModelStore.EnvironmentVariable, null);
            Assert.Equal("models", ModelStore.ResolveFolder(null));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ModelStore.EnvironmentVariable, old);
        }
    }

    [Fact]
    public void Restored_models_pass_their_hash_check()
    {
        models.SkipIfMissing();
        Assert.Empty(models.Store.Problems());
    }

    [Fact]
    public void A_model_file_with_the_wrong_hash_in_a_folder_we_did_not_fill_is_an_error_that_says_what_to_do()
    {
        var folder = _temp.Combine("models");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "face_recognition_model.bin"), "tampered");
        var store = new ModelStore(folder);
        var error = Assert.Throws<ModelRestoreException>(() => store.EnsureRestored());
        Assert.Contains("face_recognition_model.bin' does not match the pinned SHA-256", error.Message);
        Assert.Contains("delete it", error.Message);
        Assert.Equal("tampered", File.ReadAllText(Path.Combine(folder, "face_recognition_model.bin"))); // untouched
    }
}
