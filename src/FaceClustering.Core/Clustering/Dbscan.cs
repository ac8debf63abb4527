namespace FaceClustering.Core.Clustering;

/// <summary>
/// Exact DBSCAN with Euclidean distance whose labels equal scikit-learn's <c>DBSCAN(metric="euclidean")</c>
/// labels, numbering included: clusters are numbered in the order of their lowest-index core point, and a
/// border point joins the lowest-numbered cluster that reaches it (the cluster that scikit-learn's
/// index-order expansion reaches it with first).
///
/// Unlike scikit-learn it never stores whole neighbourhoods, only a fixed number of neighbours per point, so
/// memory is O(N) whatever the density. Pass 1 tests every pair once (in tiles, <see cref="TiledPairs"/>),
/// counting neighbours and keeping the first few of each point. Pass 2 joins neighbouring core points in a
/// lock-free union-find: from the kept neighbours, and by testing pairs again only among the "crowded" cores
/// whose neighbours did not all fit. Pass 3 gives each border point the lowest cluster among its core
/// neighbours, kept ones again unless it was crowded too.
/// </summary>
public static class Dbscan
{
    public const int Noise = -1;

    /// <param name="progress">Rows done and rows in all, per pass.</param>
    public static int[] Fit(float[] points, int dimension, DbscanOptions options, Action<string, long, long>? progress = null)
    {
        var space = new EpsNeighborhood(points, dimension, options.Eps);
        var quantized = options.Quantize ? QuantizedPoints.TryCreate(points, dimension) : null;
        var n = space.Count;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveJobs };

        var kept = new NeighborSlots(n, Math.Clamp(options.MinSamples, 16, 32));
        var others = CountNeighbors(space, points, dimension, quantized, kept, parallel, Tracker("counting neighbours", n, progress));
        var isCore = new bool[n];
        var cores = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (others[i] + 1 < options.MinSamples) continue; // the point itself counts, as in scikit-learn
            isCore[i] = true;
            cores.Add(i);
        }

        var sets = JoinCores(space, points, dimension, quantized, kept, others, isCore, cores, parallel,
            Tracker("joining core faces", cores.Count, progress));

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

        AssignBorderPoints(space, points, dimension, quantized, kept, others, labels, isCore, cores.ToArray(), parallel);
        return labels;
    }

    /// <summary>Counts rows done across workers and reports them.</summary>
    private static Action<int> Tracker(string stage, long total, Action<string, long, long>? progress)
    {
        if (progress is null) return _ => { };
        long done = 0;
        return rows => progress(stage, Interlocked.Add(ref done, rows), total);
    }

    /// <summary>
    /// The first <c>slots</c> neighbours found for each point, filled concurrently during counting: the
    /// running neighbour count doubles as the next free slot. A point with no more neighbours than slots has
    /// all of them kept; a "crowded" one has only some.
    /// </summary>
    private sealed class NeighborSlots(int count, int slots)
    {
        private readonly int[] _neighbors = new int[checked(count * slots)];

        public void Add(int[] others, int i, int j)
        {
            var slot = Interlocked.Increment(ref others[i]) - 1;
            if (slot < slots) _neighbors[i * slots + slot] = j;
        }

        public bool Crowded(int[] others, int i) => others[i] > slots;

        public ReadOnlySpan<int> Of(int[] others, int i) => _neighbors.AsSpan(i * slots, Math.Min(slots, others[i]));
    }

    /// <summary>Every pair tested once: each point's count of other points within eps, and the first few of them kept.</summary>
    private static int[] CountNeighbors(EpsNeighborhood space, float[] points, int dimension, QuantizedPoints? quantized, NeighborSlots kept,
        ParallelOptions parallel, Action<int> rowsDone)
    {
        var n = space.Count;
        var others = new int[n];
        var all = Enumerable.Range(0, n).ToArray();
        var tiles = new TiledPairs(points, dimension, all, quantized, space);
        // Rows near the start have the most pairs (j > i): hand rows out in small chunks so the
        // dynamic partitioner keeps every worker busy to the end.
        Parallel.ForEach(RowChunks(n), parallel, chunk =>
        {
            tiles.ForEachNeighbor(space, all, chunk.Start, chunk.End, row => row + 1, (i, j) =>
            {
                kept.Add(others, i, j);
                kept.Add(others, j, i);
            });
            rowsDone(chunk.End - chunk.Start);
        });
        return others;
    }

    /// <summary>
    /// Joins neighbouring core points. Every core-core link is kept by at least one of its two ends unless both
    /// are crowded, so pairs are tested again only among crowded cores.
    /// </summary>
    private static ConcurrentUnionFind JoinCores(EpsNeighborhood space, float[] points, int dimension, QuantizedPoints? quantized,
        NeighborSlots kept,
        int[] others, bool[] isCore, List<int> cores, ParallelOptions parallel, Action<int> rowsDone)
    {
        var sets = new ConcurrentUnionFind(space.Count);
        foreach (var i in cores)
        foreach (var j in kept.Of(others, i))
            if (isCore[j]) sets.Union(i, j);

        var crowded = cores.Where(i => kept.Crowded(others, i)).ToArray();
        rowsDone(cores.Count - crowded.Length);
        if (crowded.Length < 2) return sets;
        var tiles = new TiledPairs(points, dimension, crowded, quantized, space);
        Parallel.ForEach(RowChunks(crowded.Length), parallel, chunk =>
        {
            tiles.ForEachNeighbor(space, crowded, chunk.Start, chunk.End, row => row + 1, (i, j) => sets.Union(i, j));
            rowsDone(chunk.End - chunk.Start);
        });
        return sets;
    }

    /// <summary>Each border point takes the lowest label among its core neighbours.</summary>
    private static void AssignBorderPoints(EpsNeighborhood space, float[] points, int dimension, QuantizedPoints? quantized,
        NeighborSlots kept,
        int[] others, int[] labels, bool[] isCore, int[] cores, ParallelOptions parallel)
    {
        void Offer(int border, int core)
        {
            if (labels[border] == Noise || labels[core] < labels[border]) labels[border] = labels[core];
        }

        // Only non-core points with a neighbour can be border points.
        var crowded = new List<int>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (isCore[i] || others[i] == 0) continue;
            if (kept.Crowded(others, i)) { crowded.Add(i); continue; }
            foreach (var j in kept.Of(others, i))
                if (isCore[j]) Offer(i, j);
        }
        if (crowded.Count == 0 || cores.Length == 0) return;

        // Crowded border points (possible only with min-samples above the slots) test every core again. Each
        // border point belongs to one row block, so only one thread ever writes its label.
        var rows = crowded.ToArray();
        var tiles = new TiledPairs(points, dimension, cores, quantized, space);
        Parallel.ForEach(RowChunks(rows.Length), parallel, chunk =>
            tiles.ForEachNeighbor(space, rows, chunk.Start, chunk.End, _ => 0, Offer));
    }

    /// <summary>Rows in chunks a multiple of the 6-row tiles, small enough that the dynamic partitioner balances the triangle.</summary>
    internal static IEnumerable<(int Start, int End)> RowChunks(int n)
    {
        const int chunk = 48; // a multiple of the 6-row tiles
        for (var start = 0; start < n; start += chunk)
            yield return (start, Math.Min(n, start + chunk));
    }
}
