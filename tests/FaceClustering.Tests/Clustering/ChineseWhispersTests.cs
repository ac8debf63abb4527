using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>
/// dlib's Chinese whispers: faces within the threshold are linked and take their links' most common label;
/// clusters of one face are noise, numbered in face order, and the same seed gives the same labels.
/// </summary>
public class ChineseWhispersTests
{
    [Fact]
    public void Separate_groups_become_clusters_numbered_in_face_order_and_a_loner_is_noise()
    {
        // Three tight groups along one axis, 3 apart, and one face far from all.
        var rows = new List<float[]>();
        foreach (var (x, count) in new[] { (6f, 3), (0f, 4), (3f, 2) })
            for (var k = 0; k < count; k++) rows.Add([x + 0.01f * k, 0f]);
        rows.Add([100f, 0f]);
        var labels = ChineseWhispers.Fit(rows.SelectMany(r => r).ToArray(), 2, threshold: 0.5, jobs: 1);
        Assert.Equal([0, 0, 0, 1, 1, 1, 1, 2, 2, Dbscan.Noise], labels);
    }

    [Fact]
    public void Nothing_links_across_a_gap_wider_than_the_threshold()
    {
        float[] points = [0f, 0.375f]; // 0.375 apart, exact in binary
        Assert.Equal([0, 0], ChineseWhispers.Fit(points, 1, threshold: 0.375, jobs: 1));
        Assert.Equal([Dbscan.Noise, Dbscan.Noise], ChineseWhispers.Fit(points, 1, threshold: 0.37, jobs: 1));
    }

    [Fact]
    public void A_synthetic_library_is_found_the_same_way_with_any_thread_count()
    {
        var (points, identities) = SyntheticFaceLibrary.Generate(600, seed: 21);
        var one = ChineseWhispers.Fit(points, SyntheticFaceLibrary.Dimension, 0.5, jobs: 1);
        var two = ChineseWhispers.Fit(points, SyntheticFaceLibrary.Dimension, 0.5, jobs: 2);
        Assert.Equal(one, two);
        var scores = ClusteringScores.Compute(one, identities.Select(p => p.ToString()).ToList());
        Assert.True(scores.BCubedF >= 0.9, $"BCubed F {scores.BCubedF:F3} on well-separated synthetic people");
        var progress = new List<long>();
        ChineseWhispers.Fit(points, SyntheticFaceLibrary.Dimension, 0.5, jobs: 1, progress: (_, done, _) => progress.Add(done));
        Assert.Equal(600, progress.Max());
    }
}
