namespace FaceClustering.Tests.Clustering;

/// <summary>
/// A literal transcription of scikit-learn's DBSCAN for tests: every neighbourhood stored (distances in
/// double precision), then its index-order stack expansion (<c>dbscan_inner</c>). Slow and memory-hungry on
/// purpose: it is the yardstick, not the product.
/// </summary>
internal static class ReferenceDbscan
{
    public static int[] Fit(float[] points, int dimension, double eps, int minSamples)
    {
        var n = points.Length / dimension;
        var neighborhoods = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            neighborhoods[i] = [];
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var k = 0; k < dimension; k++)
                {
                    var d = (double)points[i * dimension + k] - points[j * dimension + k];
                    sum += d * d;
                }
                if (Math.Sqrt(sum) <= eps) neighborhoods[i].Add(j);
            }
        }

        var isCore = neighborhoods.Select(nb => nb.Count >= minSamples).ToArray();
        var labels = Enumerable.Repeat(-1, n).ToArray();
        var label = 0;
        var stack = new Stack<int>();
        for (var seed = 0; seed < n; seed++)
        {
            if (labels[seed] != -1 || !isCore[seed]) continue;
            var i = seed;
            while (true)
            {
                if (labels[i] == -1)
                {
                    labels[i] = label;
                    if (isCore[i])
                        foreach (var v in neighborhoods[i])
                            if (labels[v] == -1) stack.Push(v);
                }
                if (stack.Count == 0) break;
                i = stack.Pop();
            }
            label++;
        }
        return labels;
    }
}
