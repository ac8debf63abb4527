using FaceClustering.Core.Clustering;
using FaceClustering.Tests.TestSupport;

namespace FaceClustering.Tests.Clustering;

/// <summary>Runs alone: allocation counters are process-wide, so no other test may run meanwhile.</summary>
[CollectionDefinition(nameof(DbscanMemoryTests), DisableParallelization = true)]
public class DbscanMemoryCollection;

[Collection(nameof(DbscanMemoryTests))]
public class DbscanMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Memory_stays_linear_in_the_number_of_points_even_when_everything_is_one_neighbourhood()
    {
        // 6,000 points all within eps of each other: scikit-learn would store 36 million neighbour indices
        // (288 MB); we may allocate only O(N) beyond the input.
        var random = new Random(7);
        var center = SyntheticFaces.Identity(random);
        const int n = 6000;
        var points = Enumerable.Range(0, n).SelectMany(_ => SyntheticFaces.Near(random, center, 0.005)).ToArray();

        Dbscan.Fit(points, 128, new DbscanOptions { Jobs = 2 }); // warm up (JIT, thread pool)
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var labels = Dbscan.Fit(points, 128, new DbscanOptions { Jobs = 2 });
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"DBSCAN on {n} points in one neighbourhood allocated {allocated:N0} bytes ({allocated / n} per point)");
        Assert.All(labels, l => Assert.Equal(0, l));
        Assert.True(allocated < 100L * n + (1 << 20), $"allocated {allocated:N0} bytes for {n} points");
    }
}
