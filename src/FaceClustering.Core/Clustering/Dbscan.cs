namespace FaceClustering.Core.Clustering;

/// <summary>
/// Exact DBSCAN with Euclidean distance whose labels equal scikit-learn's <c>DBSCAN(metric="euclidean")</c>
/// labels, numbering included: clusters are numbered in the order of their lowest-index core point, and a
/// border point joins the lowest-numbered cluster that reaches it (the cluster that scikit-learn's
/// index-order expansion reaches it with first).
///
/// Unlike scikit-learn it never stores neighbourhoods. Three parallel passes over pairs, each with O(N)
/// state: (1) count neighbours to find core points, (2) join neighbouring core points in a lock-free
/// union-find, skipping pairs already joined, (3) give each border point its cluster. Optionally
/// (<see cref="DbscanOptions.PartitionFrom"/>) the pairs come from a <see cref="BallPartition"/>, which skips,
/// by the triangle inequality, only pairs that cannot be neighbours.
/// </summary>
public static class Dbscan
{
    public const int Noise = -1;

    /// <summary>Points per partition cell (a cell should be about one person's faces).</summary>
    private const int CellSize = 8;

    /// <summary>Clusters <paramref name="points"/> (row-major, <paramref name="dimension"/> values a row).</summary>
    /// <param name="progress">Rows done and rows in all, per pass ("neighbours", "cores", "borders").</param>
    public static int[] Fit(float[] points, int dimension, DbscanOptions options, Action<string, long, long>? progress = null)
    {
        options.Validate();
        var space = new EpsNeighborhood(points, dimension, options.Eps);
        var n = space.Count;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveJobs };

        var partition = n >= options.PartitionFrom && n > 1
            ? new BallPartition(points, dimension, options.Eps, Math.Clamp(n / CellSize, 16, 1 << 16))
            : null;
        using var candidates = new Candidates(n, partition);
        var neighborCounts = CountNeighbors(space, candidates, parallel, Tracker("counting neighbours", n, progress));
        var isCore = new bool[n];
        var cores = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (neighborCounts[i] < options.MinSamples) continue;
            isCore[i] = true;
            cores.Add(i);
        }

        var sets = JoinCores(space, candidates, isCore, cores.ToArray(), parallel, Tracker("joining core faces", cores.Count, progress));

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

        AssignBorderPoints(space, candidates, labels, isCore, neighborCounts, parallel);
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
    private static int[] CountNeighbors(EpsNeighborhood space, Candidates candidates, ParallelOptions parallel, Action<int> rowsDone)
    {
        var n = space.Count;
        var counts = new int[n];
        // Rows near the start have the most pairs (j > i): hand rows out in small chunks so the
        // dynamic partitioner keeps every worker busy to the end.
        Parallel.ForEach(RowChunks(n), parallel, chunk =>
        {
            for (var i = chunk.Start; i < chunk.End; i++)
            {
                var own = 1;
                foreach (var j in candidates.Of(i))
                {
                    if (j <= i || !space.AreNeighbors(i, j)) continue;
                    own++;
                    Interlocked.Increment(ref counts[j]);
                }
                Interlocked.Add(ref counts[i], own);
            }
            rowsDone(chunk.End - chunk.Start);
        });
        return counts;
    }

    private static ConcurrentUnionFind JoinCores(EpsNeighborhood space, Candidates candidates, bool[] isCore, int[] cores,
        ParallelOptions parallel, Action<int> rowsDone)
    {
        var sets = new ConcurrentUnionFind(space.Count);
        Parallel.ForEach(RowChunks(cores.Length), parallel, chunk =>
        {
            for (var a = chunk.Start; a < chunk.End; a++)
            {
                var i = cores[a];
                foreach (var j in candidates.Of(i))
                {
                    if (j <= i || !isCore[j] || sets.SameSet(i, j) || !space.AreNeighbors(i, j)) continue;
                    sets.Union(i, j);
                }
            }
            rowsDone(chunk.End - chunk.Start);
        });
        return sets;
    }

    private static void AssignBorderPoints(EpsNeighborhood space, Candidates candidates, int[] labels, bool[] isCore,
        int[] neighborCounts, ParallelOptions parallel)
    {
        // Only non-core points with at least one neighbour besides themselves can be border points.
        var borders = new List<int>();
        for (var i = 0; i < labels.Length; i++)
            if (!isCore[i] && neighborCounts[i] > 1) borders.Add(i);
        if (borders.Count == 0) return;

        Parallel.ForEach(RowChunks(borders.Count), parallel, chunk =>
        {
            for (var c = chunk.Start; c < chunk.End; c++)
            {
                var i = borders[c];
                var best = int.MaxValue;
                foreach (var j in candidates.Of(i))
                {
                    if (!isCore[j]) continue;
                    var label = labels[j];
                    if (label >= best || !space.AreNeighbors(i, j)) continue;
                    best = label;
                    if (best == 0) break;
                }
                if (best != int.MaxValue) labels[i] = best;
            }
        });
    }

    /// <summary>
    /// The points that may be within eps of a point: all of them, or those a partition leaves. Each thread
    /// reuses one candidate list (the bounded working set); the list returned is valid until the thread's next call.
    /// </summary>
    private sealed class Candidates(int count, BallPartition? partition) : IDisposable
    {
        private sealed class Scratch(int cells)
        {
            public readonly List<int> List = [];
            public readonly float[] CenterDistance = new float[cells];
        }

        private readonly ThreadLocal<Scratch> _scratch = new(() => new Scratch(partition?.Cells ?? 0));

        public IEnumerable<int> Of(int i)
        {
            if (partition is null) return Enumerable.Range(0, count);
            var scratch = _scratch.Value!;
            scratch.List.Clear();
            partition.Candidates(i, scratch.List, scratch.CenterDistance);
            return scratch.List;
        }

        public void Dispose() => _scratch.Dispose();
    }

    private static IEnumerable<(int Start, int End)> RowChunks(int n)
    {
        const int chunk = 16;
        for (var start = 0; start < n; start += chunk)
            yield return (start, Math.Min(n, start + chunk));
    }
}
