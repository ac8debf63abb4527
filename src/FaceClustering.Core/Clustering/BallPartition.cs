using System.Numerics.Tensors;

namespace FaceClustering.Core.Clustering;

/// <summary>
/// A coarse partition of the points into cells around centres (a few rounds of k-means on a sample), used to
/// skip pairs that cannot be within eps, exactly: by the triangle inequality a point y in cell c is farther
/// than eps from x whenever |d(x, c) - d(y, c)| &gt; eps, and a whole cell is out of reach whenever
/// d(x, c) - radius(c) &gt; eps. Members of a cell are sorted by their distance to its centre, so the ones
/// left over form one contiguous range, found by binary search. Bounds are widened by a margin well above
/// float rounding, so a true neighbour is never skipped; the caller still tests every candidate exactly.
/// Memory: O(N) plus the centres.
/// </summary>
internal sealed class BallPartition
{
    private readonly float[] _points;
    private readonly int _dimension;
    private readonly float[] _centers; // k x dimension
    private readonly float[] _radius; // per cell
    private readonly int[] _start; // k + 1 offsets into _order
    private readonly int[] _order; // point indices grouped by cell, by distance to the centre
    private readonly float[] _sortedDistance; // distance to the centre, in _order's order
    private readonly float _reach; // eps plus the rounding margin

    public BallPartition(float[] points, int dimension, double eps, int cells, int seed = 7)
    {
        _points = points;
        _dimension = dimension;
        var n = points.Length / dimension;
        var k = Math.Clamp(cells, 1, Math.Max(1, n));
        _centers = TrainCenters(points, dimension, n, k, seed);

        var cell = new int[n];
        var distance = new float[n];
        Parallel.For(0, n, i => (cell[i], distance[i]) = Nearest(Row(i)));

        _start = new int[k + 1];
        foreach (var c in cell) _start[c + 1]++;
        for (var c = 0; c < k; c++) _start[c + 1] += _start[c];
        _order = new int[n];
        var fill = (int[])_start.Clone();
        for (var i = 0; i < n; i++) _order[fill[cell[i]]++] = i;
        _sortedDistance = new float[n];
        _radius = new float[k];
        for (var c = 0; c < k; c++)
        {
            var members = _order.AsSpan(_start[c], _start[c + 1] - _start[c]);
            var keys = members.ToArray().Select(i => distance[i]).ToArray();
            keys.AsSpan().Sort(members);
            keys.CopyTo(_sortedDistance, _start[c]);
            _radius[c] = keys.Length == 0 ? 0 : keys[^1];
        }

        // Distances here are float32 from |x|² + |y|² - 2x·y-free differences (TensorPrimitives.Distance); a
        // relative error of 1e-4 of the largest distance involved is far above their rounding.
        var scale = Math.Sqrt(Enumerable.Range(0, n).Max(i => TensorPrimitives.Dot(Row(i), Row(i))));
        _reach = (float)(eps + 1e-4 * (2 * scale + eps) + 1e-6);
    }

    public int Cells => _radius.Length;

    /// <summary>Adds to <paramref name="candidates"/> every point that may lie within eps of point <paramref name="i"/> (itself included).</summary>
    public void Candidates(int i, List<int> candidates, float[] centerDistance)
    {
        var x = Row(i);
        var k = _radius.Length;
        for (var c = 0; c < k; c++)
            centerDistance[c] = TensorPrimitives.Distance(x, _centers.AsSpan(c * _dimension, _dimension));
        for (var c = 0; c < k; c++)
        {
            var dx = centerDistance[c];
            if (dx - _radius[c] > _reach) continue; // the whole cell is out of reach
            var from = _start[c];
            var to = _start[c + 1];
            var lo = LowerBound(from, to, dx - _reach);
            for (var p = lo; p < to && _sortedDistance[p] <= dx + _reach; p++)
                candidates.Add(_order[p]);
        }
    }

    private int LowerBound(int from, int to, float value)
    {
        while (from < to)
        {
            var mid = (from + to) >>> 1;
            if (_sortedDistance[mid] < value) from = mid + 1; else to = mid;
        }
        return from;
    }

    private ReadOnlySpan<float> Row(int i) => new(_points, i * _dimension, _dimension);

    private (int Cell, float Distance) Nearest(ReadOnlySpan<float> x)
    {
        var best = 0;
        var bestDistance = float.PositiveInfinity;
        var k = _centers.Length / _dimension;
        for (var c = 0; c < k; c++)
        {
            var d = TensorPrimitives.Distance(x, _centers.AsSpan(c * _dimension, _dimension));
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return (best, bestDistance);
    }

    /// <summary>k centres: k distinct points of a seeded sample, then three rounds of Lloyd's k-means on the sample.</summary>
    private static float[] TrainCenters(float[] points, int dimension, int n, int k, int seed)
    {
        var random = new Random(seed);
        var sampleSize = Math.Min(n, Math.Max(20 * k, 10_000));
        var all = Enumerable.Range(0, n).ToArray();
        for (var s = 0; s < sampleSize; s++) // a partial Fisher-Yates shuffle: the first sampleSize are the sample
        {
            var j = random.Next(s, n);
            (all[s], all[j]) = (all[j], all[s]);
        }
        var sample = all[..sampleSize];
        var centers = new float[k * dimension];
        for (var c = 0; c < k; c++)
            Array.Copy(points, sample[c % sample.Length] * dimension, centers, c * dimension, dimension);

        for (var round = 0; round < 3; round++)
        {
            var sums = new double[k * dimension];
            var counts = new int[k];
            var assigned = new int[sample.Length];
            Parallel.For(0, sample.Length, s =>
            {
                var x = points.AsSpan(sample[s] * dimension, dimension);
                var best = 0;
                var bestDistance = float.PositiveInfinity;
                for (var c = 0; c < k; c++)
                {
                    var d = TensorPrimitives.Distance(x, centers.AsSpan(c * dimension, dimension));
                    if (d < bestDistance) (best, bestDistance) = (c, d);
                }
                assigned[s] = best;
            });
            for (var s = 0; s < sample.Length; s++)
            {
                var c = assigned[s];
                counts[c]++;
                for (var j = 0; j < dimension; j++) sums[c * dimension + j] += points[sample[s] * dimension + j];
            }
            for (var c = 0; c < k; c++)
            {
                if (counts[c] == 0) continue; // keep an empty cell's centre where it was
                for (var j = 0; j < dimension; j++) centers[c * dimension + j] = (float)(sums[c * dimension + j] / counts[c]);
            }
        }
        return centers;
    }
}
