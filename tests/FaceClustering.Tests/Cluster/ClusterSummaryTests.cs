using FaceClustering.Core.Cluster;

namespace FaceClustering.Tests.Cluster;

/// <summary>The run's one-line result: what was found, where, and where the montages are; whether any photo was skipped.</summary>
public class ClusterSummaryTests
{
    private static ClusterSummary Summary(int montages, IReadOnlyList<string>? missing = null) =>
        new(21, 3, 2, "results", missing ?? [], [], [], montages)
        {
            FaceSet = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"), []),
            Labels = [],
        };

    [Fact]
    public void The_line_says_what_was_found_and_where_the_montages_are()
    {
        Assert.Equal("21 faces: 3 people in 2 or more photos (19 faces), 2 faces of people seen once -> results", Summary(0).ToString());
        Assert.Equal($"21 faces: 3 people in 2 or more photos (19 faces), 2 faces of people seen once -> results (1 montage: {Path.Combine("results", "label*", "montage.jpg")})",
            Summary(1).ToString());
        Assert.EndsWith($"(3 montages: {Path.Combine("results", "label*", "montage.jpg")})", Summary(3).ToString());
    }

    [Fact]
    public void A_missing_refused_or_unplaced_photo_counts_as_skipped()
    {
        Assert.False(Summary(0).SkippedPhotos);
        Assert.True(Summary(0, ["gone.jpg"]).SkippedPhotos);
        Assert.True((Summary(0) with { UnplacedPhotos = ["'a.jpg' (disk full)"] }).SkippedPhotos);
        Assert.True((Summary(0) with { RefusedPhotos = new Dictionary<string, string> { ["/etc/passwd"] = "outside the dataset" } }).SkippedPhotos);
    }
}
