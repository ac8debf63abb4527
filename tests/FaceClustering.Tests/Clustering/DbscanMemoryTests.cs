using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>Runs alone: allocation counters are process-wide, so no other test may run meanwhile.</summary>
[CollectionDefinition(nameof(DbscanMemoryTests), DisableParallelization = true)]
public class DbscanMemoryCollection;

[Collection(nameof(DbscanMemoryTests))]
public class DbscanMemoryTests(ITestOutputHelper output)
{
    private const int Small = 2000;

    [Fact]
    public void Memory_stays_linear_in_the_number_of_points_even_when_everything_is_one_neighbourhood()
    {
        // All points within eps of each other: scikit-learn would store N² neighbour indices (8,000 points:
        // 512 MB). We may allocate only O(N) beyond the input: four times the points, about four times the bytes.
        long Allocated(int n)
        {
            var random = new Random(7);
            var center = SyntheticFaceLibrary.Identity(random);
            var points = Enumerable.Range(0, n).SelectMany(_ => SyntheticFaceLibrary.Near(random, center, 0.005)).ToArray();
            var options = new DbscanOptions { Jobs = 2 };
            if (n == Small) Dbscan.Fit(points, 128, options); // warm up (JIT, thread pool)
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var labels = Dbscan.Fit(points, 128, options);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Assert.All(labels, l => Assert.Equal(0, l));
            output.WriteLine($"{n} points in one neighbourhood: {allocated:N0} bytes allocated, {allocated / n} per point");
            return allocated;
        }

        var small = Allocated(Small);
        var large = Allocated(4 * Small);
        Assert.True(large < 1000L * 4 * Small + (2 << 20), $"{large:N0} bytes for {4 * Small} points");
        Assert.True(large < 6 * small + (1 << 20), $"{small:N0} bytes for {Small} points but {large:N0} for {4 * Small}: not linear");
    }
}
