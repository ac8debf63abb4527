using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

public class ClusteringScoresTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_hand_computed_case()
    {
        // clusters {0,1} {2,3} and noise {4}; identities a a a b b.
        // pairwise: 2 predicted pairs, 1 of them true; 4 true pairs -> P 1/2, R 1/4.
        // BCubed: P = (1 + 1 + 1/2 + 1/2 + 1) / 5 = 0.8; R = (2/3 + 2/3 + 1/3 + 1/2 + 1/2) / 5 = 8/15.
        // NMI 0.458065 (scikit-learn's normalized_mutual_info_score on the same labels).
        var s = ClusteringScores.Compute([0, 0, 1, 1, -1], ["a", "a", "a", "b", "b"]);
        Assert.Equal(0.5, s.PairwisePrecision, 12);
        Assert.Equal(0.25, s.PairwiseRecall, 12);
        Assert.Equal(1.0 / 3, s.PairwiseF, 12);
        Assert.Equal(0.8, s.BCubedPrecision, 12);
        Assert.Equal(8.0 / 15, s.BCubedRecall, 12);
        Assert.Equal(0.64, s.BCubedF, 12);
        Assert.Equal(0.458065285644, s.Nmi, 9);
    }

    [Fact]
    public void Perfect_all_merged_and_all_noise()
    {
        var perfect = ClusteringScores.Compute([3, 3, 8, 8], ["a", "a", "b", "b"]);
        Assert.Equal((1.0, 1.0, 1.0, 1.0), (perfect.PairwiseF, perfect.BCubedPrecision, perfect.BCubedRecall, perfect.Nmi));

        var merged = ClusteringScores.Compute([0, 0, 0], ["a", "b", "c"]);
        Assert.Equal(0, merged.PairwisePrecision);
        Assert.Equal(1.0 / 3, merged.BCubedPrecision, 12);
        Assert.Equal(1, merged.BCubedRecall);
        Assert.Equal(0, merged.Nmi);

        var noise = ClusteringScores.Compute([-1, -1, -1], ["a", "a", "b"]); // noise points are singletons
        Assert.Equal(1, noise.BCubedPrecision);
        Assert.Equal((0.5 + 0.5 + 1) / 3, noise.BCubedRecall, 12);
    }

    [Fact]
    public void Truth_labels_match_photos_by_path_tail_use_the_largest_face_and_count_missing_photos_as_singletons()
    {
        var csv = _temp.Combine("labels.csv");
        File.WriteAllLines(csv, ["path,identity", "ann/1.jpg,ann", "ann/2.jpg,ann", "\"bob, jr/1.jpg\",bob", "ann/3.jpg,ann", "_group/g.jpg,_group"]);
        var v = new float[128];
        FaceRecord Face(string path, int size) => new(path, new FaceBox(0, size, size, 0), v);
        var faces = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"),
        [
            Face("/photos/ann/1.jpg", 50), Face("/photos/ann/1.jpg", 10), // the largest face (index 0) stands for the photo
            Face("/photos/ann/2.jpg", 50),
            Face("/photos/bob, jr/1.jpg", 50),
            Face("/photos/_group/g.jpg", 50),
        ]);
        // ann/3.jpg has no face: a singleton. The small face of ann/1.jpg is in another cluster but does not count.
        var scores = TruthLabels.Load(csv).Score(faces, [0, 1, 0, 2, 0]);
        Assert.Equal(4, scores.Items);
        Assert.Equal(1, scores.BCubedPrecision);
        Assert.Equal((2.0 / 3 + 2.0 / 3 + 1 + 1.0 / 3) / 4, scores.BCubedRecall, 12);
    }

    [Fact]
    public void Where_the_photo_size_is_known_the_face_nearest_its_centre_stands_for_it()
    {
        var csv = _temp.Combine("labels.csv");
        File.WriteAllLines(csv, ["path,identity", "ann/1.jpg,ann", "ann/2.jpg,ann"]);
        var v = new float[128];
        var photo = new FaceQuality(0.9f, 40, 100, 0, 250, 250);
        var faces = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"),
        [
            new FaceRecord("ann/1.jpg", new FaceBox(0, 120, 120, 0), v, photo), // large, in a corner: a bystander
            new FaceRecord("ann/1.jpg", new FaceBox(105, 145, 145, 105), v, photo), // at the centre: the labelled face
            new FaceRecord("ann/2.jpg", new FaceBox(100, 150, 150, 100), v, photo),
        ]);
        Assert.Equal(1, TruthLabels.Load(csv).Score(faces, [0, 1, 1]).BCubedF, 12); // centre faces share cluster 1
        Assert.True(TruthLabels.Load(csv).Score(faces, [1, 0, 1]).BCubedF < 1); // the bystander's cluster does not count
    }
}
