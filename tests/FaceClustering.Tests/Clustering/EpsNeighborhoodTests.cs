using System.Numerics.Tensors;
using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>
/// "At most eps apart" decided exactly from a float32 dot product: whatever rounding the fast kernel makes, a pair
/// exactly eps apart (in double precision from the float coordinates) is in and a pair a hair farther is out.
/// </summary>
public class EpsNeighborhoodTests
{
    [Theory]
    [InlineData(0.75f)] // descriptor-like norms
    [InlineData(20f)]   // far from the origin: the float kernel's rounding is far larger than the margin
    public void Pairs_at_exactly_eps_are_neighbours_and_a_hair_beyond_are_not(float norm)
    {
        var random = new Random(3);
        const int dimension = 128;
        var rows = new List<float[]>();
        for (var k = 0; k < 200; k++)
        {
            var center = SyntheticFaceLibrary.Identity(random, norm);
            rows.Add(center);
            rows.Add(SyntheticFaceLibrary.Near(random, center, 0.03));
        }
        var points = rows.SelectMany(r => r).ToArray();
        for (var k = 0; k < 200; k++)
        {
            var (i, j) = (2 * k, 2 * k + 1);
            var d2 = new EpsNeighborhood(points, dimension, 1).ExactSquaredDistance(i, j);
            // The smallest eps whose square holds the pair, and the double just below it: the tightest boundary.
            var eps = Math.Sqrt(d2);
            while (eps * eps < d2) eps = Math.BitIncrement(eps);
            while (Math.BitDecrement(eps) * Math.BitDecrement(eps) >= d2) eps = Math.BitDecrement(eps);
            var dot = TensorPrimitives.Dot(rows[i], rows[j]);
            Assert.True(new EpsNeighborhood(points, dimension, eps).AreNeighbors(i, j, dot), $"pair {k} at eps was dropped");
            Assert.False(new EpsNeighborhood(points, dimension, Math.BitDecrement(eps)).AreNeighbors(i, j, dot), $"pair {k} beyond eps was kept");
        }
    }

    [Fact]
    public void Rows_norms_and_distances_come_from_the_points_given()
    {
        float[] points = [3, 4, 0, 0, 0, 1];
        var space = new EpsNeighborhood(points, 2, 5);
        Assert.Equal(3, space.Count);
        Assert.Equal(25f, space.SquaredNorm(0));
        Assert.Equal([0f, 1f], space.Row(2).ToArray());
        Assert.Equal(18.0, space.ExactSquaredDistance(0, 2));
        Assert.True(space.AreNeighbors(0, 1, 0f)); // exactly 5 apart
        Assert.Equal(25f, space.Eps2f);
    }

    [Fact]
    public void A_buffer_that_is_not_whole_rows_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new EpsNeighborhood(new float[5], 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EpsNeighborhood(new float[4], 0, 1));
    }
}
