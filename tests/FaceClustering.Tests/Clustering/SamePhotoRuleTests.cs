using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>Two faces of one photo in one cluster: the one nearest the rest of the cluster stays, the others become noise.</summary>
public class SamePhotoRuleTests
{
    private static FaceSet Faces(params (string Photo, float X)[] faces) =>
        FaceSet.FromRecords(EncodingsHeader.Create("m", "d"), faces.Select((f, k) =>
        {
            var v = new float[FaceRecord.EncodingLength];
            v[0] = f.X;
            return new FaceRecord(f.Photo, new FaceBox(0, 10 * k + 10, 10, 10 * k), v); // a box of its own per face
        }));

    [Fact]
    public void The_face_nearest_the_rest_of_its_cluster_stays()
    {
        // Cluster 0: a.jpg, b.jpg near x = 0; g.jpg holds one face at 0.1 and one at 0.4. Cluster 1 also has a g.jpg face.
        var faces = Faces(("a.jpg", 0f), ("b.jpg", 0.05f), ("g.jpg", 0.4f), ("g.jpg", 0.1f), ("g.jpg", 5f), ("c.jpg", 5.1f));
        int[] labels = [0, 0, 0, 0, 1, 1];
        Assert.Equal(1, SamePhotoRule.Apply(faces, labels));
        Assert.Equal([0, 0, Dbscan.Noise, 0, 1, 1], labels);
    }

    [Fact]
    public void Clusters_without_a_conflict_and_noise_are_left_alone()
    {
        var faces = Faces(("g.jpg", 0f), ("g.jpg", 0.1f), ("g.jpg", 3f), ("h.jpg", 3.1f));
        int[] labels = [Dbscan.Noise, Dbscan.Noise, 4, 4];
        Assert.Equal(0, SamePhotoRule.Apply(faces, labels));
        Assert.Equal([Dbscan.Noise, Dbscan.Noise, 4, 4], labels);
    }

    [Fact]
    public void A_cluster_of_one_photo_only_keeps_its_first_face()
    {
        var faces = Faces(("g.jpg", 0.3f), ("g.jpg", 0f), ("g.jpg", 0.1f));
        int[] labels = [2, 2, 2];
        Assert.Equal(2, SamePhotoRule.Apply(faces, labels));
        Assert.Equal([2, Dbscan.Noise, Dbscan.Noise], labels);
    }
}
