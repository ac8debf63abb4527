using FaceClustering.Core.People;

namespace FaceClustering.Tests.People;

/// <summary>A face known across runs by photo and box, in the people file's order: photo, then left to right, then top to bottom.</summary>
public class FaceKeyTests
{
    [Fact]
    public void A_face_is_keyed_by_its_photo_and_box()
    {
        var faces = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"),
            [new FaceRecord("a.jpg", new FaceBox(1, 2, 3, 0), new float[FaceRecord.EncodingLength])]);
        Assert.Equal(new FaceKey("a.jpg", 1, 2, 3, 0), FaceKey.Of(faces, 0));
    }

    [Fact]
    public void Keys_sort_by_photo_ordinally_then_left_then_top()
    {
        FaceKey[] keys =
        [
            new("b.jpg", 0, 20, 10, 10),
            new("a.jpg", 50, 60, 60, 50),
            new("a.jpg", 0, 60, 10, 50),
            new("B.jpg", 0, 10, 10, 0),
            new("a.jpg", 90, 10, 99, 0),
        ];
        Assert.Equal([keys[3], keys[4], keys[2], keys[1], keys[0]], keys.Order());
    }
}
