using FaceClustering.Core.Landmarks;

namespace FaceClustering.Tests.Landmarks;

/// <summary>The iBUG 68-point mirror: left and right swap pairwise, the middle line stays, twice is the identity.</summary>
public class FaceLandmarksTests
{
    [Fact]
    public void Mirroring_swaps_sides_keeps_the_middle_and_undoes_itself()
    {
        var mirror = FaceLandmarks.MirrorPermutation;
        Assert.Equal(68, mirror.Length);
        Assert.Equal(Enumerable.Range(0, 68), Enumerable.Range(0, 68).Select(p => mirror[mirror[p]]));
        Assert.Equal(Enumerable.Range(0, 68), mirror.Order()); // a permutation
        int[] middle = [8, 27, 28, 29, 30, 33, 51, 57, 62, 66];
        Assert.All(middle, p => Assert.Equal(p, mirror[p]));
        Assert.Equal(68 - middle.Length, Enumerable.Range(0, 68).Count(p => mirror[p] != p));
        Assert.Equal((16, 45, 39, 54, 26), (mirror[0], mirror[36], mirror[42], mirror[48], mirror[17]));
    }
}
