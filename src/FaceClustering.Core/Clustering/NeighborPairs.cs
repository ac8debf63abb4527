using System.Collections.Concurrent;

namespace FaceClustering.Core.Clustering;

/// <summary>
/// Every pair of points within a radius, with its squared distance in double precision: the graph of near faces
/// that <see cref="AverageLinkage"/> works on. Pairs are found by the same tiled kernel and exact decision as
/// DBSCAN's (<see cref="TiledPairs"/>, <see cref="EpsNeighborhood"/>), so a pair at exactly the radius is in.
/// </summary>
internal static class NeighborPairs
{
    public readonly record struct Pair(int I, int J, double SquaredDistance);

    /// <summary>The pairs, in lists of one row chunk each (never copied into one: at a million faces they are hundreds of MB).</summary>
    /// <param name="rowsDone">Called with the number of rows finished, from worker threads.</param>
    public static List<Pair>[] Within(float[] points, int dimension, double radius, int jobs, Action<int>? rowsDone = null)
    {
        var space = new EpsNeighborhood(points, dimension, radius);
        var n = space.Count;
        var all = Enumerable.Range(0, n).ToArray();
        var tiles = new TiledPairs(points, dimension, all, QuantizedPoints.TryCreate(points, dimension), space);
        var found = new ConcurrentBag<List<Pair>>();
        Parallel.ForEach(Dbscan.RowChunks(n), new ParallelOptions { MaxDegreeOfParallelism = jobs }, chunk =>
        {
            var list = new List<Pair>();
            tiles.ForEachNeighbor(space, all, chunk.Start, chunk.End, row => row + 1,
                (i, j) => list.Add(new Pair(i, j, space.ExactSquaredDistance(i, j))));
            list.TrimExcess(); // a list's spare capacity, up to half of it, would otherwise stay until the merging reads it
            found.Add(list);
            rowsDone?.Invoke(chunk.End - chunk.Start);
        });
        return found.ToArray();
    }
}
