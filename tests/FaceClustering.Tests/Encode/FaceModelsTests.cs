using FaceClustering.Core.Encode;

namespace FaceClustering.Tests.Encode;

/// <summary>Engines sharing one set of networks, as an encode run's workers do, at the same time.</summary>
[Collection(nameof(ModelsCollection))]
public class FaceModelsTests(ModelsFixture models)
{
    [Fact]
    public void Two_engines_on_shared_models_at_once_give_what_one_engine_alone_gives()
    {
        models.SkipIfMissing();
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        // The group photos (many faces, several sizes) and a few portraits and crops.
        var photos = Directory.GetFiles(Path.Combine(dev!, "images"), "*.*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Where((_, i) => i % 6 == 0).ToList();
        var options = new FaceEngineOptions();

        Dictionary<string, IReadOnlyList<EncodedFace>> alone;
        using (var engine = new FaceEngine(models.Store, options))
            alone = photos.ToDictionary(p => p, p => Encode(engine, p));
        Assert.True(alone.Values.Sum(f => f.Count) >= photos.Count, "expected faces in most of the photos");

        using var shared = new FaceModels(models.Store, options);
        using var first = new FaceEngine(shared);
        using var second = new FaceEngine(shared);
        var results = new Dictionary<string, IReadOnlyList<EncodedFace>>[2];
        Parallel.For(0, 2, worker =>
        {
            var engine = worker == 0 ? first : second;
            var order = worker == 0 ? photos : Enumerable.Reverse(photos).ToList(); // different photos side by side
            results[worker] = order.ToDictionary(p => p, p => Encode(engine, p));
        });

        foreach (var result in results)
        foreach (var photo in photos)
        {
            Assert.Equal(alone[photo].Count, result[photo].Count);
            for (var i = 0; i < alone[photo].Count; i++)
            {
                Assert.Equal(alone[photo][i].Detection, result[photo][i].Detection);
                Assert.Equal(alone[photo][i].Encoding, result[photo][i].Encoding);
            }
        }
    }

    private static IReadOnlyList<EncodedFace> Encode(FaceEngine engine, string path)
    {
        using var image = PhotoReader.TryRead(path);
        Assert.NotNull(image);
        return engine.Encode(image);
    }
}
