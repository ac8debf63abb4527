namespace FaceClustering.Core.Clustering;

/// <summary>
/// Exact DBSCAN with Euclidean distance whose labels equal scikit-learn's <c>DBSCAN(metric="euclidean")</c>
/// labels, numbering included: clusters are numbered in the order of their lowest-index core point, and a
/// border point joins the lowest-numbered cluster that reaches it (the cluster that scikit-learn's
/// index-order expansion reaches it with first).
///
/// Unlike scikit-learn it never stores neighbourhoods. Three parallel passes over pairs, each with O(N)
/// state: (1) count neighbours to find core points, (2) join neighbouring core points in a lock-free
/// union-find, skipping pairs already joined, (3) give each border point its cluster. Pairs are
/// tested in tiles (<see cref="TiledPairs"/>), as a matrix product computes them.
/// </summary>
public static class Dbscan
{
    public const int Noise = -1;


    /// <summary>Clusters <paramref name="points"/> (row-major, <paramref name="dimension"/> values a row).</summary>
    /// <param name="progress">Rows done and rows in all, per pass ("neighbours", "cores", "borders").</param>
    public static int[] Fit(float[] points, int dimension, DbscanOptions options, Action<string, long, long>? progress = null)
    {
        options.Validate();
        var space = new EpsNeighborhood(points, dimension, options.Eps);
        var n = space.Count;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveJobs };

        var neighborCounts = CountNeighbors(space, points, dimension, parallel, Tracker("counting neighbours", n, progress));
        var isCore = new bool[n];
        var cores = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (neighborCounts[i] < options.MinSamples) continue;
            isCore[i] = true;
            cores.Add(i);
        }

        var coreArray = cores.ToArray();
        var sets = JoinCores(space, points, dimension, coreArray, parallel, Tracker("joining core faces", cores.Count, progress));

        // Number clusters by their lowest-index core point.
        var labels = new int[n];
        Array.Fill(labels, Noise);
        var labelOfRoot = new Dictionary<int, int>();
        foreach (var i in cores)
        {
            var root = sets.Find(i);
            if (!labelOfRoot.TryGetValue(root, out var label))
            {
                label = labelOfRoot.Count;
                labelOfRoot.Add(root, label);
            }
            labels[i] = label;
        }

        AssignBorderPoints(space, points, dimension, labels, isCore, neighborCounts, coreArray, parallel);
        return labels;
    }

    /// <summary>Counts rows done across workers and reports them; the pair work of row i shrinks as i grows.</summary>
    private static Action<int> Tracker(string stage, long total, Action<string, long, long>? progress)
    {
        if (progress is null) return _ => { };
        long done = 0;
        return rows => progress(stage, Interlocked.Add(ref done, rows), total);
    }

    /// <summary>Neighbour counts, each point counting itself; every pair is tested once.</summary>
    private static int[] CountNeighbors(EpsNeighborhood space, float[] points, int dimension, ParallelOptions parallel,
        Action<int> rowsDone)
    {
        var n = space.Count;
        var counts = new int[n];
        var all = Enumerable.Range(0, n).ToArray();
        var tiles = new TiledPairs(points, dimension, all);
        // Rows near the start have the most pairs (j > i): hand rows out in small chunks so the
        // dynamic partitioner keeps every worker busy to the end.
        Parallel.ForEach(RowChunks(n), parallel, chunk =>
        {
            tiles.ForEachNeighbor(space, all, chunk.Start, chunk.End, row => row + 1, (i, j) =>
            {
                Interlocked.Increment(ref counts[i]);
                Interlocked.Increment(ref counts[j]);
            });
            rowsDone(chunk.End - chunk.Start);
        });
        for (var i = 0; i < n; i++) counts[i]++; // the point itself
        return counts;
    }

    private static ConcurrentUnionFind JoinCores(EpsNeighborhood space, float[] points, int dimension, int[] cores,
        ParallelOptions parallel, Action<int> rowsDone)
    {
        var sets = new ConcurrentUnionFind(space.Count);
        var tiles = new TiledPairs(points, dimension, cores);
        Parallel.ForEach(RowChunks(cores.Length), parallel, chunk =>
        {
            tiles.ForEachNeighbor(space, cores, chunk.Start, chunk.End, row => row + 1, (i, j) => sets.Union(i, j));
            rowsDone(chunk.End - chunk.Start);
        });
        return sets;
    }

    private static void AssignBorderPoints(EpsNeighborhood space, float[] points, int dimension, int[] labels, bool[] isCore,
        int[] neighborCounts, int[] cores, ParallelOptions parallel)
    {
        // Only non-core points with at least one neighbour besides themselves can be border points.
        var borders = Enumerable.Range(0, labels.Length).Where(i => !isCore[i] && neighborCounts[i] > 1).ToArray();
        if (borders.Length == 0 || cores.Length == 0) return;
        var tiles = new TiledPairs(points, dimension, cores);
        // Each border point belongs to one row block, so only one thread ever writes its label.
        Parallel.ForEach(RowChunks(borders.Length), parallel, chunk =>
            tiles.ForEachNeighbor(space, borders, chunk.Start, chunk.End, _ => 0, (i, j) =>
            {
                if (labels[i] == Noise || labels[j] < labels[i]) labels[i] = labels[j];
            }));
    }

    private static IEnumerable<(int Start, int End)> RowChunks(int n)
    {
        const int chunk = 48; // a multiple of the 6-row tiles
        for (var start = 0; start < n; start += chunk)
            yield return (start, Math.Min(n, start + chunk));
    }
}
