using FaceClustering.Core.Export;
using FaceClustering.Core.People;

namespace FaceClustering.Tests.Export;

/// <summary>The page's "check these": a 96-px crop per face to review, in order, and the words and fix the page shows.</summary>
public class ReviewThumbnailsTests
{
    [Fact]
    public void Each_face_to_check_gets_a_crop_unless_its_photo_is_gone()
    {
        using var folder = new TempFolder();
        var photo = folder.Combine("p.png");
        using (var image = TestImages.Solid(100, 100, 0, 200, 0)) TestImages.Write(image, photo);
        var faces = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"),
        [
            new FaceRecord(photo, new FaceBox(10, 60, 60, 10), new float[FaceRecord.EncodingLength]),
            new FaceRecord("gone.jpg", new FaceBox(10, 60, 60, 10), new float[FaceRecord.EncodingLength]),
        ]);
        var ledger = new PeopleLedger();
        ledger.Create().Name = "Ann";
        ledger.Create();
        var results = folder.Combine("results");
        Directory.CreateDirectory(results);
        var checks = ReviewThumbnails.Write(results, faces,
            [new ReviewItem(0, "p.png:1", 1, 0.412, 2, 0.456), new ReviewItem(1, "gone.jpg:1", 2, 0.3, 1, 0.5)], ledger, ["gone.jpg"]);

        Assert.Equal(new ResultsPageWriter.Check("review/01.jpg", "p.png:1", "Ann (person 1) at 0.41; person 2 at 0.46", "move p.png:1 2"), checks[0]);
        Assert.Equal(new ResultsPageWriter.Check(null, "gone.jpg:1", "person 2 at 0.30; Ann (person 1) at 0.50", "move gone.jpg:1 1"), checks[1]);
        Assert.Equal(["01.jpg"], Directory.GetFiles(Path.Combine(results, "review")).Select(Path.GetFileName));
        using var crop = PhotoReader.TryRead(Path.Combine(results, "review", "01.jpg"))!;
        Assert.Equal((96, 96), (crop.Width, crop.Height));
        var (b, g, r) = TestImages.Mean(crop, new PixelRect(0, 0, 96, 96));
        Assert.True(g > 190 && b < 10 && r < 10, $"the crop is {b}/{g}/{r}, not the photo's green");
    }

    [Fact]
    public void Nothing_to_check_makes_no_folder()
    {
        using var folder = new TempFolder();
        Assert.Empty(ReviewThumbnails.Write(folder.Path, FaceSet.FromRecords(EncodingsHeader.Create("m", "d"), []), [], new PeopleLedger(), []));
        Assert.False(Directory.Exists(folder.Combine("review")));
    }
}
