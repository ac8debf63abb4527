using FaceClustering.Core.Cluster;
using FaceClustering.Core.Clustering;
using FaceClustering.Core.People;

namespace FaceClustering.Tests.Cluster;

/// <summary>The chosen algorithm over a run's faces, with the same-photo rule applied as asked.</summary>
public class FaceGroupingTests
{
    /// <summary>Two people, 6 photos each; photo "group.jpg" holds one face of each, and one more face of person 0.</summary>
    private static (FaceSet Faces, int[] Person) Library()
    {
        var random = new Random(5);
        float[][] centers = [SyntheticFaceLibrary.Identity(random), SyntheticFaceLibrary.Identity(random)];
        var records = new List<FaceRecord>();
        var person = new List<int>();
        for (var p = 0; p < 2; p++)
        for (var k = 0; k < 6; k++)
        {
            records.Add(new FaceRecord($"p{p}_{k}.jpg", new FaceBox(0, 10, 10, 0), SyntheticFaceLibrary.Near(random, centers[p])));
            person.Add(p);
        }
        records.Add(new FaceRecord("group.jpg", new FaceBox(0, 10, 10, 0), SyntheticFaceLibrary.Near(random, centers[0], 0.005)));
        records.Add(new FaceRecord("group.jpg", new FaceBox(0, 30, 10, 20), SyntheticFaceLibrary.Near(random, centers[1])));
        // A poster of person 0 in the background of the same photo: also person 0's face, but farther off.
        records.Add(new FaceRecord("group.jpg", new FaceBox(0, 50, 10, 40), SyntheticFaceLibrary.Near(random, centers[0], 0.03)));
        person.AddRange([0, 1, 0]);
        return (FaceSet.FromRecords(EncodingsHeader.Create("m", "d"), records), person.ToArray());
    }

    [Fact]
    public void Two_faces_of_one_photo_never_share_a_cluster_unless_allowed()
    {
        var (faces, _) = Library();
        var options = new ClusterOptions { Algorithm = ClusteringAlgorithm.Dbscan, MinSamples = 3 };
        var notices = new List<FormattableString>();
        var labels = FaceGrouping.Group(faces, options, notices);
        Assert.Equal(labels[0], labels[12]); // the clear face of person 0 stays
        Assert.Equal(-1, labels[14]); // the farther face of the same photo is moved out
        Assert.Equal(labels[6], labels[13]); // person 1's face in the photo is untouched
        Assert.Contains("1 face(s) shared a cluster with another face of the same photo", Assert.Single(notices).ToString());

        var allowed = FaceGrouping.Group(faces, options with { AllowSamePhoto = true }, []);
        Assert.Equal(allowed[0], allowed[14]);
        // Everything else is DBSCAN's own result.
        var plain = Dbscan.Fit(faces.Vectors, faces.Dimension, options.Dbscan);
        Assert.Equal(plain, allowed);
        Assert.Equal(plain.Where((_, i) => i != 14), labels.Where((_, i) => i != 14));
    }

    [Fact]
    public void Chinese_whispers_finds_the_people_deterministically()
    {
        var (faces, person) = Library();
        var options = new ClusterOptions { Algorithm = ClusteringAlgorithm.ChineseWhispers, AllowSamePhoto = true };
        var first = FaceGrouping.Group(faces, options, []);
        var second = FaceGrouping.Group(faces, options with { Jobs = 1 }, []);
        Assert.Equal(first, second);
        var scores = ClusteringScores.Compute(first, person.Select(p => p.ToString()).ToList());
        Assert.Equal(1, scores.BCubedF, 12);
    }
}
