namespace FaceClustering.Core.Clustering;

/// <summary>
/// dlib's Chinese whispers (as in its face clustering example): faces at most a threshold apart are linked
/// (each face also links to itself), every face starts in its own cluster, and, visiting faces in a seeded
/// random order, each takes the label most common among its links. Links per face are capped at its
/// <c>maxLinks</c> nearest, so the graph stays O(N) however dense a cluster is. Clusters of one face are noise.
/// </summary>
public static class ChineseWhispers
{
    public static int[] Fit(float[] points, int dimension, double threshold, int jobs, int maxLinks = 64,
        int iterations = 100, int seed = 42, Action<string, long, long>? progress = null)
    {
        var n = points.Length / dimension;
        var links = Links(points, dimension, threshold, jobs, maxLinks, progress);

        var labels = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        var weight = new Dictionary<int, int>();
        for (long step = 0; step < (long)iterations * n; step++)
        {
            var node = random.Next(n);
            weight.Clear();
            var best = labels[node];
            var bestWeight = 0;
            foreach (var other in links[node])
            {
                var w = weight.GetValueOrDefault(labels[other]) + 1;
                weight[labels[other]] = w;
                if (w > bestWeight || (w == bestWeight && labels[other] < best)) (best, bestWeight) = (labels[other], w);
            }
            labels[node] = best;
        }
        return Renumber(labels);
    }

    /// <summary>
    /// Symmetric links: i-j when j is among i's nearest within the threshold, or i among j's; plus i-i. The pairs
    /// within the threshold come from the tiled search that DBSCAN and average linkage use.
    /// </summary>
    private static List<int>[] Links(float[] points, int dimension, double threshold, int jobs, int maxLinks,
        Action<string, long, long>? progress)
    {
        var n = points.Length / dimension;
        long rows = 0;
        var chunks = NeighborPairs.Within(points, dimension, threshold, jobs,
            done => progress?.Invoke("linking faces", Interlocked.Add(ref rows, done), n));
        var candidates = new List<(double D2, int J)>[n];
        foreach (var chunk in chunks)
        foreach (var (i, j, d2) in chunk)
        {
            (candidates[i] ??= []).Add((d2, j));
            (candidates[j] ??= []).Add((d2, i));
        }

        var links = new HashSet<int>[n];
        for (var i = 0; i < n; i++) links[i] = [i];
        for (var i = 0; i < n; i++)
        {
            if (candidates[i] is not { } near) continue;
            foreach (var (_, j) in near.OrderBy(c => c.D2).ThenBy(c => c.J).Take(maxLinks))
            {
                links[i].Add(j);
                links[j].Add(i);
            }
        }
        return links.Select(s => s.Order().ToList()).ToArray();
    }

    /// <summary>Clusters numbered by their lowest-index face; clusters of one face become noise.</summary>
    private static int[] Renumber(int[] labels)
    {
        var size = new Dictionary<int, int>();
        foreach (var l in labels) size[l] = size.GetValueOrDefault(l) + 1;
        var map = new Dictionary<int, int>();
        var result = new int[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (size[labels[i]] < 2) { result[i] = Dbscan.Noise; continue; }
            if (!map.TryGetValue(labels[i], out var id)) map[labels[i]] = id = map.Count;
            result[i] = id;
        }
        return result;
    }
}
