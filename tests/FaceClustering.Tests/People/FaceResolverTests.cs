using FaceClustering.Core.People;

namespace FaceClustering.Tests.People;

/// <summary>A curation line's PHOTO or PHOTO:N (the N-th face from the left) found among the faces, or one notice why not.</summary>
public class FaceResolverTests
{
    private static readonly FaceSet Faces = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"),
    [
        new FaceRecord("g.jpg", new FaceBox(0, 90, 10, 80), new float[FaceRecord.EncodingLength]), // 0: third from the left
        new FaceRecord("g.jpg", new FaceBox(0, 20, 10, 10), new float[FaceRecord.EncodingLength]), // 1: first
        new FaceRecord("a.jpg", new FaceBox(0, 20, 10, 10), new float[FaceRecord.EncodingLength]), // 2
        new FaceRecord("g.jpg", new FaceBox(50, 60, 60, 50), new float[FaceRecord.EncodingLength]), // 3: second
    ]);

    [Fact]
    public void Faces_are_numbered_from_the_left_and_a_photo_alone_names_all_of_them()
    {
        var resolver = new FaceResolver(Faces);
        var notices = new List<string>();
        Assert.Equal([1, 3, 0], resolver.Resolve(new FaceRef("g.jpg", null), "c.txt", 1, notices));
        Assert.Equal([3], resolver.Resolve(new FaceRef("g.jpg", 2), "c.txt", 1, notices));
        Assert.Equal([2], resolver.Resolve(new FaceRef("a.jpg", 1), "c.txt", 1, notices));
        Assert.Empty(notices);
        Assert.Equal(["g.jpg:3", "g.jpg:1", "a.jpg:1", "g.jpg:2"], Enumerable.Range(0, 4).Select(resolver.Describe));
    }

    [Fact]
    public void A_face_or_photo_that_is_not_there_is_one_notice_and_nothing_resolved()
    {
        var resolver = new FaceResolver(Faces);
        var notices = new List<string>();
        Assert.Empty(resolver.Resolve(new FaceRef("g.jpg", 4), "curation.txt", 7, notices));
        Assert.Empty(resolver.Resolve(new FaceRef("G.jpg", null), "curation.txt", 8, notices));
        Assert.Equal(
        [
            "curation.txt:7: 'g.jpg' has 3 face(s), not 4; the line is ignored",
            "curation.txt:8: no photo 'G.jpg' in the encodings (give the path as clusters.csv shows it); the line is ignored",
        ], notices);
    }
}
