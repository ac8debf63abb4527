using FaceClustering.Core.Detection;
using FaceClustering.Core.Inference;
using FaceClustering.Core.Models;

namespace FaceClustering.Tests.Detection;

/// <summary>
/// The SSD at any input size (anchors per feature-map cell) and in 8 bits (a managed float stem, then QLinearConv):
/// the pieces against the float network, and the 8-bit detector against the float one on the demo photos.
/// </summary>
[Collection(nameof(ModelsCollection))]
public class SsdInt8Tests(ModelsFixture models, ITestOutputHelper output)
{
    [Fact]
    public void Anchors_for_a_512_px_input_are_face_apis_own_and_larger_inputs_get_a_set_per_cell()
    {
        models.SkipIfMissing();
        var weights = models.Weights(SsdMobilenetNet.ModelStem);
        using var net = new SsdMobilenetNet(weights, new InferenceSessionFactory(), SsdPrecision.Float);
        var stored = weights["Output/extra_dim"].Values;
        var made = net.AnchorsFor(512, 512);
        Assert.Equal(stored.Length, made.Length);
        Assert.All(Enumerable.Range(0, stored.Length), i => Assert.True(Math.Abs(stored[i] - made[i]) < 1e-5, $"anchor value {i}: {made[i]} vs {stored[i]}"));

        // 1024 x 1536: grids of 64x96, 32x48, 16x24, 8x12, 4x6, 2x3 cells, 3 anchors a cell on the first, 6 on the rest.
        const int expected = 64 * 96 * 3 + (32 * 48 + 16 * 24 + 8 * 12 + 4 * 6 + 2 * 3) * 6;
        Assert.Equal(expected * 4, net.AnchorsFor(1024, 1536).Length);
        var (boxes, scores) = net.Compute(new float[3 * 1024 * 1536], 1, 1024, 1536)[0];
        Assert.Equal(expected, scores.Length);
        Assert.Equal(expected * 4, boxes.Length);
        // The last cell's anchors are centred a stride's half from the bottom-right corner.
        var last = net.AnchorsFor(1024, 1536).AsSpan(^4);
        Assert.Equal(1 - 256.0 / 1024, (last[0] + last[2]) / 2, 4);
        Assert.Equal(1 - 256.0 / 1536, (last[1] + last[3]) / 2, 4);
    }

    [Fact]
    public void Int8_detector_finds_the_faces_the_float_detector_finds_on_the_demo_photos()
    {
        models.SkipIfMissing();
        var photos = DemoPhotos();
        var weights = models.Weights(SsdMobilenetNet.ModelStem);
        using var referenceNet = new SsdMobilenetNet(weights, new InferenceSessionFactory(), SsdPrecision.Float);
        using var signedNet = new SsdMobilenetNet(weights, new InferenceSessionFactory(), SsdMobilenetNet.BuildQuantizedGraph(weights, signedWeights: true));
        using var unsignedNet = new SsdMobilenetNet(weights, new InferenceSessionFactory(), SsdMobilenetNet.BuildQuantizedGraph(weights, signedWeights: false));
        var reference = new SsdFaceDetector(referenceNet);
        var signed = new SsdFaceDetector(signedNet);
        var unsigned = new SsdFaceDetector(unsignedNet);
        int floatFaces = 0, matched = 0, extra = 0, agree = 0, int8Faces = 0;
        var overlaps = new List<double>();
        foreach (var path in photos)
        {
            using var image = PhotoReader.TryRead(path)!;
            var expected = reference.Detect(image);
            var actual = signed.Detect(image);
            var other = unsigned.Detect(image);
            floatFaces += expected.Count;
            int8Faces += actual.Count;
            foreach (var e in expected)
            {
                var best = actual.Select(a => a.IntersectionOverUnion(e)).DefaultIfEmpty(0).Max();
                if (best < 0.5) continue;
                matched++;
                overlaps.Add(best);
            }
            extra += actual.Count(a => !expected.Any(e => e.IntersectionOverUnion(a) >= 0.5));
            agree += actual.Count(a => other.Any(o => o.IntersectionOverUnion(a) >= 0.8));
        }
        overlaps.Sort();
        output.WriteLine($"float {floatFaces} faces; int8 {int8Faces}: {matched} matched (IoU >= 0.5; IoU {string.Join(" ", overlaps.Select(o => o.ToString("F2")))}), {extra} extra; unsigned filters agree on {agree}");
        Assert.True(floatFaces >= 20, $"the demo photos should hold 20+ faces, float found {floatFaces}");
        Assert.True(matched >= floatFaces - 1, $"int8 matched {matched} of {floatFaces} float faces");
        Assert.True(overlaps[overlaps.Count / 2] >= 0.9, $"median IoU {overlaps[overlaps.Count / 2]:F2}");
        Assert.True(overlaps[0] >= 0.6, $"worst IoU {overlaps[0]:F2}");
        Assert.Equal(0, extra);
        Assert.True(agree >= int8Faces - 1, $"unsigned filters agree on {agree} of {int8Faces}");
    }

    [Fact]
    public void Close_ups_that_fill_large_photos_are_found()
    {
        models.SkipIfMissing();
        Assert.SkipWhen(Repository.DevDataset is null, "../shared/datasets/dev is not present beside the repository");
        // The dev set's 150x150 portrait crops, enlarged to 3000 px: one face filling the frame.
        var crops = Directory.GetFiles(Path.Combine(Repository.DevDataset!, "images"), "*.png", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Where((_, i) => i % 5 == 0).ToList();
        using var net = new SsdMobilenetNet(models.Weights(SsdMobilenetNet.ModelStem), new InferenceSessionFactory(), SsdPrecision.Int8);
        var detector = new SsdFaceDetector(net);
        var found = 0;
        foreach (var path in crops)
        {
            using var crop = PhotoReader.TryRead(path)!;
            using var large = new BgrImage(3000, 3000); // enlarged bilinearly
            ImageResizer.Resize(crop, large);
            var faces = detector.Detect(large);
            if (faces.Count == 1 && faces[0].Right - faces[0].Left > 1500) found++;
        }
        output.WriteLine($"{found} of {crops.Count} enlarged crops: one face over half the width");
        Assert.Equal(crops.Count, found);
    }

    private List<string> DemoPhotos()
    {
        var folder = Path.Combine(Repository.Root, "datasets", "default_dataset");
        try
        {
            models.Store.EnsureRestored(folder);
        }
        catch (ModelRestoreException e)
        {
            Assert.Skip($"the demo photos are not available: {e.Message}");
        }
        return Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).ToList();
    }
}
