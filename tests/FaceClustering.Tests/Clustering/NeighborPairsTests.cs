using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>Every pair within the radius, once, with its exact squared distance: the graph average linkage and Chinese whispers work on.</summary>
public class NeighborPairsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_pairs_are_those_a_brute_force_search_finds(int jobs)
    {
        var (points, _) = SyntheticFaceLibrary.Generate(700, seed: 4);
        const int d = SyntheticFaceLibrary.Dimension;
        const double radius = 0.55;
        var found = NeighborPairs.Within(points, d, radius, jobs).SelectMany(chunk => chunk).ToList();

        var expected = new HashSet<(int, int)>();
        for (var i = 0; i < 700; i++)
        for (var j = i + 1; j < 700; j++)
            if (VectorDistance.Squared(points.AsSpan(i * d, d), points.AsSpan(j * d, d)) <= radius * radius)
                expected.Add((i, j));
        Assert.True(expected.Count > 1000, $"only {expected.Count} pairs: the test should see a dense graph");
        Assert.Equal(expected.Count, found.Count); // each pair once
        Assert.All(found, p =>
        {
            Assert.Contains((p.I, p.J), expected);
            Assert.Equal(VectorDistance.Squared(points.AsSpan(p.I * d, d), points.AsSpan(p.J * d, d)), p.SquaredDistance);
        });
    }

    [Fact]
    public void A_pair_at_exactly_the_radius_is_in_and_the_same_point_twice_is_a_pair_at_zero()
    {
        float[] points = [0, 0, 0.5f, 0, 0.5f, 0, 2, 2];
        var pairs = NeighborPairs.Within(points, 2, 0.5, 1).SelectMany(c => c).OrderBy(p => p.I).ThenBy(p => p.J).ToList();
        Assert.Equal([(0, 1, 0.25), (0, 2, 0.25), (1, 2, 0.0)], pairs.Select(p => (p.I, p.J, p.SquaredDistance)));
    }
}
