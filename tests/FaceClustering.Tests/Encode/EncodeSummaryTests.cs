using FaceClustering.Core.Encode;

namespace FaceClustering.Tests.Encode;

/// <summary>The run's one-line summary: counts, what an update kept and removed, and rates over the photos encoded in this run.</summary>
public class EncodeSummaryTests
{
    [Fact]
    public void The_line_gives_counts_and_rates_of_this_run()
    {
        var summary = new EncodeSummary(10, 14, 2, [("x.jpg", "not a photo"), ("y.png", "truncated")], TimeSpan.FromSeconds(4), "e.msgpack") { Encoded = 10, NewFaces = 14 };
        Assert.Equal("10 images, 14 faces, 2 images without a face, 2 files skipped; 2.50 images/s, 3.50 faces/s -> e.msgpack", summary.ToString());
    }

    [Fact]
    public void An_update_says_what_it_kept_and_removed_and_rates_only_what_it_encoded()
    {
        var summary = new EncodeSummary(100, 120, 5, [], TimeSpan.FromSeconds(2), "e.msgpack") { Encoded = 3, NewFaces = 4, Reused = 97, Removed = 6 };
        Assert.Equal("100 images, 120 faces, 5 images without a face, 0 files skipped; 3 encoded, 97 unchanged, 6 removed; 1.50 images/s, 2.00 faces/s -> e.msgpack",
            summary.ToString());
        Assert.Equal(0, (summary with { Encoded = 0, Elapsed = TimeSpan.Zero }).ImagesPerSecond); // no division by zero
    }

    [Fact]
    public void One_of_anything_is_singular()
    {
        var summary = new EncodeSummary(1, 1, 1, [("x.jpg", "not a photo")], TimeSpan.FromSeconds(1), "e.msgpack") { Encoded = 1, NewFaces = 1 };
        Assert.StartsWith("1 image, 1 face, 1 image without a face, 1 file skipped; ", summary.ToString());
    }
}
