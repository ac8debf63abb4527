namespace FaceClustering.Tests.EndToEnd;

/// <summary>encode then cluster on the dev set with default settings, as a user would run them.</summary>
[Collection(nameof(ModelsCollection))]
public class DevSetEndToEndTests(ModelsFixture models, ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Each_footballer_gets_a_cluster_of_their_own()
    {
        var (encodings, encode) = models.DevEncodings();
        var images = Path.Combine(Repository.DevDataset!, "images");
        var output1 = _temp.Combine("results");
        output.WriteLine(encode.Stdout + encode.Stderr);
        Assert.Equal(0, encode.ExitCode);
        var cluster = ClusterCommand.InProcess("-e", encodings, "-o", output1, "--people", _temp.Combine("people.json"));
        output.WriteLine(cluster.Stdout + cluster.Stderr);
        Assert.Equal(0, cluster.ExitCode);

        // The largest face of each footballer photo, and its cluster.
        var faces = FaceSet.Load(encodings);
        var labels = File.ReadAllLines(Path.Combine(output1, "clusters.csv")).Skip(1)
            .Select(l => int.Parse(l.Split(',')[^3])).ToArray(); // imagePath,top,right,bottom,left,cluster,person,name
        var largest = Enumerable.Range(0, faces.Count)
            .GroupBy(i => faces.ImagePaths[i])
            .Select(g => g.MaxBy(i => (long)faces.Boxes[i].Width * faces.Boxes[i].Height))
            .ToDictionary(i => Path.GetRelativePath(images, faces.ImagePaths[i]).Replace('\\', '/'), i => labels[i]);

        string[] footballers = ["cristiano_ronaldo", "lionel_messi", "luis_suarez", "mohamed_salah", "neymar"];
        var clusterOf = new Dictionary<string, int>();
        foreach (var person in footballers)
        {
            var own = largest.Where(kv => kv.Key.StartsWith(person + "/", StringComparison.Ordinal)).Select(kv => kv.Value).ToList();
            var main = own.GroupBy(l => l).MaxBy(g => g.Count())!;
            output.WriteLine($"{person}: cluster {main.Key} holds {main.Count()} of {own.Count} photos");
            Assert.True(main.Key >= 0, $"{person} is noise");
            Assert.True(main.Count() >= own.Count - 1, $"{person} is split: {string.Join(",", own)}");
            clusterOf[person] = main.Key;
        }
        Assert.Equal(footballers.Length, clusterOf.Values.Distinct().Count()); // one cluster each
    }
}
