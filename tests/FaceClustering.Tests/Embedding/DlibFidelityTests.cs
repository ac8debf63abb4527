using System.Globalization;
using FaceClustering.Core.Embedding;
using FaceClustering.Core.Encode;
using FaceClustering.Testing.Calibration;

namespace FaceClustering.Tests.Embedding;

/// <summary>The engine on the labelled dev photos (../shared/datasets/dev), against dlib's own descriptors.</summary>
[Collection(nameof(ModelsCollection))]
public class DlibFidelityTests(ModelsFixture models, ITestOutputHelper output)
{
    private static string Dev()
    {
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        return dev!;
    }

    [Fact]
    public void Descriptors_are_close_to_dlibs_own()
    {
        models.SkipIfMissing();
        var dev = Dev();
        var reference = DlibReferenceSet.Load(Path.Combine(dev, "dlib_reference.json"), Path.Combine(dev, "images"));
        using var probe = FidelityProbe.Prepare(models.Store, reference, new FaceEngineOptions { ThreadsPerSession = 2 });
        var distances = probe.Distances(AlignmentTemplate.Calibrated);
        var median = DlibReferenceSet.Percentile(distances, 0.5);
        var p90 = DlibReferenceSet.Percentile(distances, 0.9);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"L2 to dlib's descriptors over {distances.Count} faces: median {median:F3}, p90 {p90:F3}, max {distances.Max():F3}"));
        Assert.Equal(reference.Records.Count, distances.Count); // every reference face found
        Assert.True(median <= 0.12, $"median {median:F3} > 0.12");
        Assert.True(p90 <= 0.22, $"p90 {p90:F3} > 0.22");
    }

    [Fact]
    public void Every_labelled_photo_yields_a_face_and_pairs_separate_like_dlibs()
    {
        models.SkipIfMissing();
        var dev = Dev();
        var labels = File.ReadAllLines(Path.Combine(dev, "labels.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[1] != "_group").Select(f => (Path: f[0], Identity: f[1])).ToList();
        using var engine = new FaceEngine(models.Store, new FaceEngineOptions { ThreadsPerSession = 2 });

        var largest = new List<(string Path, string Identity, float[] Encoding)>();
        var missed = new List<string>();
        foreach (var (path, identity) in labels)
        {
            using var image = PhotoReader.TryRead(Path.Combine(dev, "images", path));
            Assert.NotNull(image);
            var faces = engine.Encode(image);
            if (faces.Count == 0) { missed.Add(path); continue; }
            var face = faces.MaxBy(f => f.Detection.Area)!;
            largest.Add((path, identity, face.Encoding));
        }
        Assert.True(missed.Count == 0, $"no face in: {string.Join(", ", missed)}");

        var footballers = largest.Where(f => !f.Path.EndsWith(".png", StringComparison.Ordinal)).ToList();
        var (same, different) = PairShares(footballers);
        var (allSame, allDifferent) = PairShares(largest);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"footballers ({footballers.Count} photos): same-person pairs under 0.6: {same:P1} (dlib 97.3%), different-person pairs over 0.6: {different:P1} (dlib 94.9%)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"whole dev set ({largest.Count} photos): same-person pairs under 0.6: {allSame:P1}, different-person pairs over 0.6: {allDifferent:P1}"));
        Assert.Equal(31, footballers.Count);
        Assert.InRange(same, 0.953, 1.0);
        Assert.InRange(different, 0.929, 1.0);
    }

    private static (double Same, double Different) PairShares(List<(string Path, string Identity, float[] Encoding)> faces)
    {
        int same = 0, sameClose = 0, different = 0, differentFar = 0;
        for (var i = 0; i < faces.Count; i++)
        for (var j = i + 1; j < faces.Count; j++)
        {
            var d = DlibReferenceSet.Distance(faces[i].Encoding, faces[j].Encoding);
            if (faces[i].Identity == faces[j].Identity) { same++; if (d < 0.6) sameClose++; }
            else { different++; if (d > 0.6) differentFar++; }
        }
        return ((double)sameClose / same, (double)differentFar / different);
    }
}
