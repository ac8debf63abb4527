using FaceClustering.Core.People;

namespace FaceClustering.Tests.People;

/// <summary>
/// The faces to check first: the smallest margin between a face's own person and the nearest face of another,
/// each with the curation line that moves it; a face with no other person near is never listed.
/// </summary>
public class ReviewListTests
{
    private static float[] At(float x)
    {
        var v = new float[FaceRecord.EncodingLength];
        v[0] = x;
        return v;
    }

    [Fact]
    public void The_least_certain_face_comes_first_with_the_line_that_moves_it()
    {
        // Person 1 at 0.0, 0.1, 0.35; person 2 at 0.65, 0.8; person 3 far away at 5, 5.1.
        float[] xs = [0f, 0.1f, 0.35f, 0.65f, 0.8f, 5f, 5.1f];
        var faces = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"),
            xs.Select((x, i) => new FaceRecord($"p{i}.jpg", new FaceBox(0, 10, 10, 0), At(x))));
        int[] person = [1, 1, 1, 2, 2, 3, 3];
        var ledger = new PeopleLedger();
        for (var id = 1; id <= 3; id++)
        {
            var p = ledger.Create();
            p.Prototypes = Enumerable.Range(0, xs.Length).Where(i => person[i] == id).Select(i => FaceKey.Of(faces, i)).ToList();
        }
        var items = ReviewList.Least(faces, person, ledger, threshold: 0.5, jobs: 1);
        // Face 2 (p2.jpg): own mean distance (0.35 + 0.25) / 2 = 0.30, nearest other 0.30: margin 0, first.
        var first = items[0];
        Assert.Equal((2, "p2.jpg:1", 1, 2), (first.Face, first.FaceName, first.Person, first.NextPerson));
        Assert.Equal(0.30, first.Own, 6);
        Assert.Equal(0.30, first.Next, 6);
        Assert.Equal("move p2.jpg:1 2", first.Fix);
        Assert.True(items.Zip(items.Skip(1)).All(p => p.First.Margin <= p.Second.Margin), "not sorted by margin");
        // Face 0 has no other person's face within the threshold + 0.1 (0.65 away), nor has person 3: sure enough.
        Assert.Equal([1, 2, 3, 4], items.Select(i => i.Face).Order());
    }
}
