using FaceClustering.Core.Calibration;
using FaceClustering.Core.Clustering;
using FaceClustering.Core.Pipeline;
using FaceClustering.Tests.TestSupport;

namespace FaceClustering.Tests.Clustering;

/// <summary>
/// --eps auto and Chinese whispers are never worse than the original's fixed DBSCAN (eps 0.5, min-samples 5)
/// by more than 0.01 BCubed F, on synthetic libraries with known identities.
/// </summary>
public class ClusterQualityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 0.02, 0.035, 0.1)]
    [InlineData(2, 0.025, 0.04, 0.1)]
    [InlineData(3, 0.015, 0.03, 0.2)]
    [InlineData(4, 0.02, 0.037, 0.0)]
    [InlineData(5, 0.018, 0.03, 0.3)]
    [InlineData(6, 0.008, 0.018, 0.1)]
    [InlineData(7, 0.03, 0.045, 0.1)]
    [InlineData(8, 0.012, 0.04, 0.5)]
    public void Auto_eps_and_chinese_whispers_are_not_worse_than_the_fixed_defaults(int seed, double low, double high, double siblings)
    {
        var (faces, identities) = SyntheticFaceLibrary.CreateFaceSet(1500, seed, low, high, siblings);
        double Score(ClusterOptions options) =>
            ClusteringScores.Compute(ClusterRun.Group(faces, options, []), identities).BCubedF;

        var original = Score(new ClusterOptions { Dbscan = new DbscanOptions { Eps = 0.5, MinSamples = 5 } });
        var auto = Score(new ClusterOptions { EpsAuto = true });
        var whispers = Score(new ClusterOptions { Algorithm = ClusteringAlgorithm.ChineseWhispers });
        output.WriteLine($"BCubed F: fixed 0.5/5 {original:F4}, eps auto {auto:F4}, chinese whispers {whispers:F4}");
        Assert.True(auto >= original - 0.01, $"eps auto {auto:F4} < fixed {original:F4} - 0.01");
        Assert.True(whispers >= original - 0.01, $"chinese whispers {whispers:F4} < fixed {original:F4} - 0.01");
    }
}
