using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>Lock-free disjoint sets: unions from many threads give the same sets as one thread, each rooted at its smallest member.</summary>
public class ConcurrentUnionFindTests
{
    [Fact]
    public void Unions_from_many_threads_give_the_connected_components()
    {
        const int n = 20_000;
        var random = new Random(11);
        var edges = Enumerable.Range(0, 15_000).Select(_ => (random.Next(n), random.Next(n))).ToArray();

        var sets = new ConcurrentUnionFind(n);
        Parallel.ForEach(edges, new ParallelOptions { MaxDegreeOfParallelism = 8 }, e => sets.Union(e.Item1, e.Item2));

        // The components by a plain breadth-first search.
        var adjacent = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        foreach (var (a, b) in edges) { adjacent[a].Add(b); adjacent[b].Add(a); }
        var smallest = new int[n];
        Array.Fill(smallest, -1);
        for (var s = 0; s < n; s++)
        {
            if (smallest[s] >= 0) continue;
            var queue = new Queue<int>([s]);
            smallest[s] = s;
            while (queue.TryDequeue(out var x))
                foreach (var y in adjacent[x].Where(y => smallest[y] < 0))
                {
                    smallest[y] = s;
                    queue.Enqueue(y);
                }
        }
        for (var i = 0; i < n; i++) Assert.Equal(smallest[i], sets.Find(i));
        Assert.True(smallest.Distinct().Count() < n - 5_000, "the edges should have joined many sets");
    }

    [Fact]
    public void A_set_of_one_is_its_own_root_and_repeated_unions_change_nothing()
    {
        var sets = new ConcurrentUnionFind(4);
        Assert.Equal(3, sets.Find(3));
        sets.Union(3, 2);
        sets.Union(2, 3);
        sets.Union(3, 3);
        Assert.Equal(2, sets.Find(3));
        Assert.Equal(0, sets.Find(0));
        Assert.Equal(1, sets.Find(1));
    }
}
