using FaceClustering.Core.Detection;
using FaceClustering.Core.Encode;

namespace FaceClustering.Tests.Encode;

/// <summary>
/// The worker pipeline: one result per photo in input order whatever order the workers finish in, an unreadable
/// photo a result with its reason, and a cancelled run stopped with every worker joined.
/// </summary>
[Collection(nameof(ModelsCollection))]
public sealed class EncodePipelineTests(ModelsFixture models) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private List<string> Photos()
    {
        Assert.SkipWhen(Repository.DevDataset is null, "../shared/datasets/dev is not present beside the repository");
        var photos = Directory.GetFiles(Path.Combine(Repository.DevDataset!, "images", "amy")).Order(StringComparer.Ordinal).Take(3).ToList();
        var broken = _temp.Combine("broken.jpg");
        File.WriteAllText(broken, "not a photo");
        var blank = _temp.Combine("blank.png");
        using (var image = TestImages.Solid(64, 48, 90)) TestImages.Write(image, blank);
        return [photos[0], broken, blank, .. photos[1..]];
    }

    [Fact]
    public void Results_come_in_input_order_one_per_photo()
    {
        models.SkipIfMissing();
        var photos = Photos();
        var options = new FaceEngineOptions { DetectionMethod = DetectionMethod.Hog };
        using var shared = new FaceModels(models.Store, options);
        FaceEngine[] engines = [new(shared), new(shared)];
        try
        {
            var results = EncodePipeline.Run(photos, engines, TestContext.Current.CancellationToken).ToList();
            Assert.Equal(Enumerable.Range(0, photos.Count), results.Select(r => r.Index));
            Assert.Equal(photos, results.Select(r => r.Path));
            Assert.StartsWith("not an image that can be decoded", results[1].Problem?.Reason);
            Assert.Empty(results[1].Faces);
            Assert.Null(results[2].Problem);
            Assert.Empty(results[2].Faces); // a blank image: read, no face
            Assert.All(results.Where((_, i) => i is 0 or 3 or 4), r => Assert.NotEmpty(r.Faces));
            Assert.All(results, r => Assert.Equal(new FileInfo(r.Path).Length, r.Stat?.Size));
        }
        finally
        {
            foreach (var engine in engines) engine.Dispose();
        }
    }

    [Fact]
    public void A_cancelled_run_stops_and_says_so()
    {
        models.SkipIfMissing();
        var photos = Enumerable.Repeat(Photos()[0], 40).ToList();
        using var shared = new FaceModels(models.Store, new FaceEngineOptions { DetectionMethod = DetectionMethod.Hog });
        using var engine = new FaceEngine(shared);
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in EncodePipeline.Run(photos, [engine], cancel.Token))
                if (++seen == 2) cancel.Cancel();
        });
        Assert.Equal(2, seen);
    }
}
