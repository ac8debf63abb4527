using System.Numerics.Tensors;

namespace FaceClustering.Core.Clustering;

/// <summary>
/// Chooses DBSCAN's eps from the data: the distance from each face to its k-th nearest other face
/// (k = min-samples - 1, so that a face with that many neighbours is a core point), sorted, has a knee where
/// faces inside clusters give way to faces without their like; eps is taken at that knee (the point farthest
/// below the chord of the normalised curve), kept within the range where dlib's descriptors can mean the same
/// person.
/// </summary>
public static class EpsEstimator
{
    /// <summary>dlib's descriptors: below 0.6 the same person is likely; far below, duplicates.</summary>
    public const double Lowest = 0.35;
    public const double Highest = 0.6;
    private const int MaxQueries = 4000;

    public sealed record Estimate(double Eps, int K, int Queries, double KneeDistance, double ShareWithin)
    {
        public string Explanation =>
            FormattableString.Invariant($"--eps auto chose {Eps:F3}: the knee of the sorted distances to each face's {Ordinal(K)} nearest neighbour ({Queries} faces) lies at {KneeDistance:F3}") +
            (Math.Abs(Eps - KneeDistance) > 1e-12 ? FormattableString.Invariant($", kept within [{Lowest}, {Highest}]") : "") +
            FormattableString.Invariant($"; {ShareWithin:P0} of faces have {K} neighbour(s) within it");
    }

    public static Estimate Choose(float[] points, int dimension, int minSamples, int jobs, Action<string, long, long>? progress = null)
    {
        var n = points.Length / dimension;
        var k = Math.Max(1, minSamples - 1);
        if (n <= k) return new Estimate(0.5, k, n, 0.5, 0);

        var queries = n <= MaxQueries
            ? Enumerable.Range(0, n).ToArray()
            : Enumerable.Range(0, MaxQueries).Select(q => (int)((long)q * n / MaxQueries)).ToArray();
        var kDistances = new double[queries.Length];
        long done = 0;
        Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = jobs }, q =>
        {
            var i = queries[q];
            var row = points.AsSpan(i * dimension, dimension);
            var best = new SortedSet<(double, int)>(); // the k smallest distances so far
            for (var j = 0; j < n; j++)
            {
                if (j == i) continue;
                double d = TensorPrimitives.Distance(row, points.AsSpan(j * dimension, dimension));
                if (best.Count < k) best.Add((d, j));
                else if (d < best.Max.Item1)
                {
                    best.Remove(best.Max);
                    best.Add((d, j));
                }
            }
            kDistances[q] = best.Max.Item1;
            progress?.Invoke("choosing eps", Interlocked.Increment(ref done), queries.Length);
        });

        Array.Sort(kDistances);
        var knee = Knee(kDistances);
        var eps = Math.Clamp(knee, Lowest, Highest);
        var within = kDistances.Count(d => d <= eps) / (double)kDistances.Length;
        return new Estimate(eps, k, queries.Length, knee, within);
    }

    /// <summary>The value of a sorted, rising curve where it lies farthest below its normalised chord.</summary>
    internal static double Knee(double[] sorted)
    {
        var n = sorted.Length;
        if (n < 3) return sorted[^1];
        var low = sorted[0];
        var range = sorted[^1] - low;
        if (range <= 0) return sorted[0];
        var best = 0;
        var bestGap = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            var x = (double)i / (n - 1);
            var y = (sorted[i] - low) / range;
            if (x - y > bestGap) (best, bestGap) = (i, x - y);
        }
        return sorted[best];
    }

    private static string Ordinal(int k) => k switch { 1 => "1st", 2 => "2nd", 3 => "3rd", _ => $"{k}th" };
}
