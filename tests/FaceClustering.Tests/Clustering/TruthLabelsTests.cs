using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>
/// True identities from a path,identity CSV: labels match photos by whole trailing folder names, '_' rows are
/// left out, the face nearest the photo's centre stands for it, and a faceless photo scores as a singleton.
/// </summary>
public class TruthLabelsTests
{
    private static FaceRecord Face(string photo, FaceBox box, FaceQuality? quality = null) =>
        new(photo, box, new float[FaceRecord.EncodingLength], quality);

    [Fact]
    public void A_csv_is_read_with_quotes_and_without_the_rows_that_start_with_an_underscore()
    {
        using var folder = new TempFolder();
        var csv = folder.Combine("truth.csv");
        File.WriteAllText(csv, "path,identity\r\n\"ann, at home.jpg\",Ann\r\nb.jpg,\"Bob \"\"B\"\"\"\r\n\r\ngroup.jpg,_group\r\n");
        var truth = TruthLabels.Load(csv);
        Assert.Equal([("ann, at home.jpg", "Ann"), ("b.jpg", "Bob \"B\"")], truth.Rows);
    }

    [Theory]
    [InlineData("", "the first line must be the header path,identity")]
    [InlineData("file,person\na.jpg,A\n", "the first line must be the header path,identity")]
    [InlineData("path,identity\na.jpg,A,extra\n", "line 2: expected 2 fields (path,identity), found 3")]
    public void A_malformed_csv_is_refused_with_its_line(string text, string message)
    {
        using var folder = new TempFolder();
        var csv = folder.Combine("truth.csv");
        File.WriteAllText(csv, text);
        Assert.Contains(message, Assert.Throws<InputException>(() => TruthLabels.Load(csv)).Message);
        Assert.Contains("does not exist", Assert.Throws<InputException>(() => TruthLabels.Load(folder.Combine("none.csv"))).Message);
        Assert.Contains("is a folder", Assert.Throws<InputException>(() => TruthLabels.Load(folder.Path)).Message);
    }

    [Fact]
    public void Labels_match_photos_by_whole_folder_names_and_the_central_face_stands_for_a_photo()
    {
        var centre = new FaceQuality(1, 40, 100, 0, PhotoWidth: 200, PhotoHeight: 100);
        var faces = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"),
        [
            Face("/lib/ann/1.jpg", new FaceBox(30, 120, 70, 80), centre),    // 0: at the centre
            Face("/lib/ann/1.jpg", new FaceBox(0, 200, 100, 100), centre),   // 1: larger but off-centre
            Face("/lib/ann/2.jpg", new FaceBox(30, 120, 70, 80), centre),    // 2
            Face("/lib/joann/2.jpg", new FaceBox(30, 120, 70, 80), centre),  // 3: "ann/2.jpg" must not match it
        ]);
        var truth = new TruthLabels([("ann/1.jpg", "Ann"), ("ann/2.jpg", "Ann"), ("joann/2.jpg", "Jo"), ("ann/3.jpg", "Ann")]);
        // Ann's central faces together, the off-centre face elsewhere; 3.jpg has no face: a singleton.
        Assert.Equal(ClusteringScores.Compute([0, 0, 1, -1], ["Ann", "Ann", "Jo", "Ann"]), truth.Score(faces, [0, 5, 0, 1]));
        // Labelled by the face nearest the centre, not the largest one.
        Assert.Equal(ClusteringScores.Compute([5, 0, 1, -1], ["Ann", "Ann", "Jo", "Ann"]), truth.Score(faces, [5, 0, 0, 1]));
    }

    [Fact]
    public void Without_the_photo_size_the_largest_face_stands_for_the_photo()
    {
        var faces = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"),
            [Face("a.jpg", new FaceBox(0, 10, 10, 0)), Face("a.jpg", new FaceBox(0, 50, 50, 0)), Face("b.jpg", new FaceBox(0, 10, 10, 0))]);
        var truth = new TruthLabels([("a.jpg", "A"), ("b.jpg", "A")]);
        Assert.Equal(1.0, truth.Score(faces, [3, 7, 7]).BCubedF, 12);
        Assert.True(truth.Score(faces, [7, 3, 7]).BCubedF < 1);
    }

    [Fact]
    public void A_label_that_matches_two_photos_asks_for_a_longer_path()
    {
        var faces = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"),
            [Face("x/1.jpg", new FaceBox(0, 10, 10, 0)), Face("y/1.jpg", new FaceBox(0, 10, 10, 0))]);
        var error = Assert.Throws<InputException>(() => new TruthLabels([("1.jpg", "A")]).Score(faces, [0, 0]));
        Assert.Contains("'1.jpg' matches 2 photos", error.Message);
        Assert.Contains("give a longer path", error.Message);
    }
}
