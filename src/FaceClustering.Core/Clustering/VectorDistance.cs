namespace FaceClustering.Core.Clustering;

/// <summary>Euclidean distances between two descriptors, summed in double precision (the one helper for it).</summary>
public static class VectorDistance
{
    public static double Squared(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var k = 0; k < a.Length; k++)
        {
            var d = (double)a[k] - b[k];
            sum += d * d;
        }
        return sum;
    }

    /// <summary>From a descriptor to a point kept in double precision (a person's centre).</summary>
    public static double Squared(ReadOnlySpan<float> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (var k = 0; k < a.Length; k++)
        {
            var d = a[k] - b[k];
            sum += d * d;
        }
        return sum;
    }

    public static double Euclidean(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Math.Sqrt(Squared(a, b));
}
