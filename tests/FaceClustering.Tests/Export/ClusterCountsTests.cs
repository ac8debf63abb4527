using FaceClustering.Core.Export;

namespace FaceClustering.Tests.Export;

/// <summary>The summary's words read as a result whatever was found, with singular and plural right.</summary>
public class ClusterCountsTests
{
    [Theory]
    [InlineData(0, 0, 0, "0 faces")]
    [InlineData(1, 0, 1, "1 face, 1 person")]
    [InlineData(22, 0, 22, "22 faces, 22 different people: nobody appears in 2 or more photos")]
    [InlineData(21, 3, 2, "21 faces: 3 people in 2 or more photos (19 faces), 2 faces of people seen once")]
    [InlineData(3, 1, 1, "3 faces: 1 person in 2 or more photos (2 faces), 1 face of people seen once")]
    [InlineData(4, 2, 0, "4 faces: 2 people in 2 or more photos (4 faces), 0 faces of people seen once")]
    public void Describe_says_what_was_found(int faces, int clusters, int noise, string expected) =>
        Assert.Equal(expected, ClusterCounts.Describe(faces, clusters, noise));
}
