using FaceClustering.Core.Detection;

namespace FaceClustering.Tests.Detection;

/// <summary>--upsample for the cnn detector: each step halves the smallest face the tiling is sized for.</summary>
public class SsdWindowTests
{
    [Fact]
    public void Each_upsampling_step_halves_the_smallest_face_and_adds_finer_tiles()
    {
        Assert.Equal([80.0, 40.0, 20.0], new[] { 0, 1, 2 }.Select(SsdFaceDetector.SmallestFaceFor));
        var counts = new[] { 0, 1, 2 }.Select(u => SsdFaceDetector.Windows(4000, 3000, SsdFaceDetector.SmallestFaceFor(u))).ToList();
        Assert.True(counts[0].Count < counts[1].Count && counts[1].Count < counts[2].Count,
            $"windows: {string.Join(", ", counts.Select(c => c.Count))}");
        // The finest tiles put the smallest face at about 32 px of the 512-px input.
        Assert.Equal([1280.0, 640.0, 320.0], counts.Select(c => c.Where(w => w.Tile).Min(w => w.Side)));
        // A photo too small for tiles gets the whole-photo and close-up passes only, whatever the upsampling.
        Assert.Equal(3, SsdFaceDetector.Windows(300, 200, 20).Count);
    }
}
