using FaceClustering.Core.Cluster;
using FaceClustering.Core.Clustering;
using FaceClustering.Core.Export;
using FaceClustering.Core.People;

namespace FaceClustering.Tests.Cluster;

/// <summary>
/// The cluster run without its command line: the summary counts what the grouping found, the results hold the
/// assignments, the people file is written last and a rerun changes no byte, and a cancelled run leaves the earlier
/// results and people file as they were.
/// </summary>
public sealed class ClusterRunTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (string Encodings, List<string> Identities) Library()
    {
        var (vectors, identities) = SyntheticFaceLibrary.Generate(120, seed: 17);
        const int d = SyntheticFaceLibrary.Dimension;
        var path = _temp.Combine("enc", "e.msgpack");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        EncodingsWriter.WriteAll(path, EncodingsHeader.Create("synthetic", "cnn"), Enumerable.Range(0, 120)
            .Select(i => new FaceRecord($"p{identities[i]}/{i}.jpg", new FaceBox(0, 10, 10, 0), vectors.AsSpan(i * d, d).ToArray())));
        return (path, identities.Select(p => $"p{p}").ToList());
    }

    [Fact]
    public void The_summary_counts_what_the_grouping_found_and_the_csv_holds_every_face()
    {
        var (encodings, identities) = Library();
        var options = new ClusterOptions { EncodingsPaths = [encodings], OutputPath = _temp.Combine("out"), NoImages = true, NoPeople = true, Jobs = 1 };
        var summary = ClusterRun.Execute(options, cancel: TestContext.Current.CancellationToken);

        var expected = FaceGrouping.Group(FaceSet.Load(encodings), options, []);
        Assert.Equal(expected, summary.Labels);
        Assert.Equal((120, expected.Max() + 1, expected.Count(l => l == Dbscan.Noise), 0), (summary.Faces, summary.Clusters, summary.Noise, summary.Montages));
        Assert.True(summary.Clusters > 5, $"only {summary.Clusters} clusters");
        Assert.True(ClusteringScores.Compute(summary.Labels, identities).BCubedF > 0.9);
        var csv = File.ReadAllLines(_temp.Combine("out", ClusterCsvWriter.FileName));
        Assert.Equal(121, csv.Length);
        Assert.False(File.Exists(_temp.Combine("enc", PeopleFile.DefaultName)));
        Assert.Empty(Directory.GetDirectories(_temp.Combine("out")));
    }

    [Fact]
    public void People_are_saved_beside_the_encodings_and_a_rerun_changes_no_byte()
    {
        var (encodings, _) = Library();
        var options = new ClusterOptions { EncodingsPaths = [encodings], OutputPath = _temp.Combine("out"), NoImages = true, Jobs = 1 };
        var first = ClusterRun.Execute(options, cancel: TestContext.Current.CancellationToken);
        var people = _temp.Combine("enc", PeopleFile.DefaultName);
        var bytes = File.ReadAllBytes(people);
        var csv = File.ReadAllBytes(_temp.Combine("out", ClusterCsvWriter.FileName));
        var changes = File.ReadAllLines(_temp.Combine("out", ClusterRun.ChangesFileName));
        Assert.Equal(first.Clusters, changes.Count(l => l.Contains("\"change\":\"new\"")));
        Assert.StartsWith($"{first.Clusters} new people", first.People);

        var second = ClusterRun.Execute(options with { Overwrite = true }, cancel: TestContext.Current.CancellationToken);
        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(bytes, File.ReadAllBytes(people));
        Assert.Equal(csv, File.ReadAllBytes(_temp.Combine("out", ClusterCsvWriter.FileName)));
        Assert.Empty(File.ReadAllLines(_temp.Combine("out", ClusterRun.ChangesFileName)));
    }

    [Fact]
    public void A_cancelled_run_leaves_the_earlier_results_and_people_as_they_were()
    {
        var (encodings, _) = Library();
        var options = new ClusterOptions { EncodingsPaths = [encodings], OutputPath = _temp.Combine("out"), NoImages = true, Jobs = 1 };
        ClusterRun.Execute(options, cancel: TestContext.Current.CancellationToken);
        var people = File.ReadAllBytes(_temp.Combine("enc", PeopleFile.DefaultName));
        var csv = File.ReadAllBytes(_temp.Combine("out", ClusterCsvWriter.FileName));
        // Interrupted while it groups the faces (Ctrl+C mid-run).
        using var cancel = new CancellationTokenSource();
        var reported = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => ClusterRun.Execute(options with { Overwrite = true, Threshold = 0.3 },
            progress: (_, _, _) => { reported++; cancel.Cancel(); }, cancel: cancel.Token));
        Assert.True(reported > 0, "the run never reported progress, so it was not interrupted mid-run");
        Assert.Equal(people, File.ReadAllBytes(_temp.Combine("enc", PeopleFile.DefaultName)));
        Assert.Equal(csv, File.ReadAllBytes(_temp.Combine("out", ClusterCsvWriter.FileName)));
        // Nothing half-made beside them: only the results, their writer lock and the encodings folder.
        Assert.Equal([".out.lock", "enc", "out"], Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
