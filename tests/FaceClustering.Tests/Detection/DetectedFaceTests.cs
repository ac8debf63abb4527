using FaceClustering.Core.Detection;

namespace FaceClustering.Tests.Detection;

/// <summary>Boxes with a score: intersection over union, and greedy non-maximum suppression that keeps the best of each overlap.</summary>
public class DetectedFaceTests
{
    [Fact]
    public void Intersection_over_union_is_the_shared_area_over_the_joint_area()
    {
        var a = new DetectedFace(0, 0, 10, 10, 0.9f);
        Assert.Equal(1.0, a.IntersectionOverUnion(a));
        Assert.Equal(25.0 / 175.0, a.IntersectionOverUnion(new DetectedFace(5, 5, 15, 15, 0.5f)), 12);
        Assert.Equal(0.0, a.IntersectionOverUnion(new DetectedFace(10, 0, 20, 10, 0.5f))); // touching
        Assert.Equal(0.0, a.IntersectionOverUnion(new DetectedFace(50, 50, 60, 60, 0.5f)));
        Assert.Equal(0.0, new DetectedFace(5, 5, 4, 4, 1f).Area); // an inverted box has no area
    }

    [Fact]
    public void Suppression_keeps_the_highest_score_of_each_overlap_and_every_separate_box()
    {
        var best = new DetectedFace(0, 0, 10, 10, 0.9f);
        var shifted = new DetectedFace(1, 0, 11, 10, 0.8f);   // IoU 0.82 with best
        var halfOver = new DetectedFace(5, 0, 15, 10, 0.7f);  // IoU 1/3 with best
        var apart = new DetectedFace(100, 100, 110, 110, 0.1f);
        var kept = DetectedFace.Suppress([apart, shifted, halfOver, best], 0.5);
        Assert.Equal([best, halfOver, apart], kept);
        Assert.Equal([best, apart], DetectedFace.Suppress([apart, shifted, halfOver, best], 0.3));
    }
}
