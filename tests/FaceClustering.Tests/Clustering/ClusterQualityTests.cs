using FaceClustering.Core.Cluster;
using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>
/// On synthetic libraries with known identities: the default (average linkage) reaches a minimum BCubed F and is
/// never worse than the original's DBSCAN (eps 0.5, min-samples 5); Chinese whispers not worse by more than 0.01.
/// The minimum is lower where the spread makes people overlap.
/// </summary>
public class ClusterQualityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 0.02, 0.035, 0.1, 0.90)]
    [InlineData(2, 0.025, 0.04, 0.1, 0.75)]
    [InlineData(3, 0.015, 0.03, 0.2, 0.98)]
    [InlineData(4, 0.02, 0.037, 0.0, 0.84)]
    [InlineData(5, 0.018, 0.03, 0.3, 0.98)]
    [InlineData(6, 0.008, 0.018, 0.1, 0.98)]
    [InlineData(7, 0.03, 0.045, 0.1, 0.50)]
    [InlineData(8, 0.012, 0.04, 0.5, 0.90)]
    public void The_default_reaches_its_minimum_and_is_not_worse_than_the_original(int seed, double low, double high, double siblings,
        double minimum)
    {
        var (faces, identities) = SyntheticFaceLibrary.CreateFaceSet(1500, seed, low, high, siblings);
        double Score(ClusterOptions options) =>
            ClusteringScores.Compute(FaceGrouping.Group(faces, options, []), identities).BCubedF;

        var original = Score(new ClusterOptions { Algorithm = ClusteringAlgorithm.Dbscan });
        var linkage = Score(new ClusterOptions());
        var whispers = Score(new ClusterOptions { Algorithm = ClusteringAlgorithm.ChineseWhispers });
        output.WriteLine($"BCubed F: dbscan 0.5/5 {original:F4}, average linkage {linkage:F4}, chinese whispers {whispers:F4}");
        Assert.True(linkage >= minimum, $"average linkage {linkage:F4} < {minimum}");
        Assert.True(linkage >= original, $"average linkage {linkage:F4} < dbscan {original:F4}");
        Assert.True(whispers >= original - 0.01, $"chinese whispers {whispers:F4} < fixed {original:F4} - 0.01");
    }
}
