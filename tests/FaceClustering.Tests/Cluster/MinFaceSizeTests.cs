using FaceClustering.Core.Cluster;
using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Cluster;

public class MinFaceSizeTests
{
    [Fact]
    public void Faces_below_the_minimum_size_are_left_out_and_the_rest_cluster_as_before()
    {
        var random = new Random(3);
        var people = Enumerable.Range(0, 3).Select(_ => SyntheticFaceLibrary.Identity(random)).ToArray();
        var records = new List<FaceRecord>();
        for (var p = 0; p < 3; p++)
        for (var k = 0; k < 4; k++)
        {
            var size = p == 2 ? 20 : 60; // person 2 is only ever seen small
            records.Add(new FaceRecord($"p{p}/{k}.jpg", new FaceBox(0, size, size, 0), SyntheticFaceLibrary.Near(random, people[p])));
        }
        var faces = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"), records);

        var all = FaceGrouping.Group(faces, new ClusterOptions(), []);
        Assert.Equal(3, all.Distinct().Count(l => l >= 0));

        var notices = new List<FormattableString>();
        var labels = FaceGrouping.Group(faces, new ClusterOptions { MinFaceSize = 30 }, notices);
        Assert.Equal("4 face(s) smaller than 30 px were left out (noise)", Assert.Single(notices).ToString());
        Assert.All(labels.Skip(8), l => Assert.Equal(Dbscan.Noise, l));
        Assert.Equal(all.Take(8), labels.Take(8)); // the same clusters, numbered the same
        var dbscan = FaceGrouping.Group(faces, new ClusterOptions { Algorithm = ClusteringAlgorithm.Dbscan, MinSamples = 3, MinFaceSize = 30 }, []);
        Assert.All(dbscan.Skip(8), l => Assert.Equal(Dbscan.Noise, l));
        Assert.Equal(2, dbscan.Take(8).Distinct().Count(l => l >= 0));
    }
}
