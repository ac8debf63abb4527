using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>The one distance helper: Euclidean, summed in double precision from float coordinates.</summary>
public class VectorDistanceTests
{
    [Fact]
    public void A_three_four_five_triangle_has_the_distances_it_should()
    {
        float[] a = [1, 2, 3];
        float[] b = [4, 6, 3];
        Assert.Equal(25.0, VectorDistance.Squared(a, b));
        Assert.Equal(5.0, VectorDistance.Euclidean(a, b));
        Assert.Equal(0.0, VectorDistance.Squared(a, a));
    }

    [Fact]
    public void The_sum_is_kept_in_double_precision()
    {
        // 2^48 + 1 is exact in double; a float32 sum would round it to 2^48.
        float[] a = [16777216f, 0f];
        float[] b = [0f, 1f];
        Assert.Equal(281474976710657.0, VectorDistance.Squared(a, b));
        // And each difference is taken in double: 0.1f - 0.3f in float32 is not the double difference.
        Assert.Equal(((double)0.1f - 0.3f) * ((double)0.1f - 0.3f), VectorDistance.Squared([0.1f], [0.3f]));
    }

    [Fact]
    public void A_descriptor_against_a_double_precision_centre_is_the_same_sum()
    {
        float[] a = [0.1f, -0.2f, 0.3f];
        double[] centre = [0.1, 0.05, -1.0 / 3];
        var expected = Math.Pow((double)0.1f - 0.1, 2) + Math.Pow((double)-0.2f - 0.05, 2) + Math.Pow((double)0.3f + 1.0 / 3, 2);
        Assert.Equal(expected, VectorDistance.Squared(a, centre), 15);
        Assert.Equal(VectorDistance.Squared(a, [0f, 0f, 0f]), VectorDistance.Squared(a, new double[3]));
    }
}
