namespace FaceClustering.Core.Clustering;

/// <summary>
/// Lock-free disjoint sets over 0..n-1: a root is always linked under a smaller-index root with a
/// compare-and-swap, so no cycle can form; finds halve paths with benign racy writes (each write points a node
/// at one of its ancestors).
/// </summary>
internal sealed class ConcurrentUnionFind
{
    private readonly int[] _parent;

    public ConcurrentUnionFind(int count)
    {
        _parent = new int[count];
        for (var i = 0; i < count; i++) _parent[i] = i;
    }

    public int Find(int x)
    {
        while (true)
        {
            var p = Volatile.Read(ref _parent[x]);
            if (p == x) return x;
            var gp = Volatile.Read(ref _parent[p]);
            if (gp != p) Volatile.Write(ref _parent[x], gp);
            x = gp;
        }
    }

    public void Union(int a, int b)
    {
        while (true)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (ra == rb) return;
            if (ra < rb) (ra, rb) = (rb, ra);
            // Link the larger root under the smaller one, if it is still a root.
            if (Interlocked.CompareExchange(ref _parent[ra], rb, ra) == ra) return;
        }
    }
}
