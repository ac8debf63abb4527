using FaceClustering.Core.Export;
using FaceClustering.Core.People;

namespace FaceClustering.Tests.Export;

/// <summary>review.csv: per face to check, its box, both people by ID and name, the distances and margin, and the line that fixes it.</summary>
public class ReviewCsvWriterTests
{
    [Fact]
    public void Each_face_to_check_is_one_line_with_its_fix()
    {
        using var folder = new TempFolder();
        var faces = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"),
        [
            new FaceRecord("=cmd.jpg", new FaceBox(1, 2, 3, 0), new float[FaceRecord.EncodingLength]),
            new FaceRecord("g, h.jpg", new FaceBox(5, 60, 70, 40), new float[FaceRecord.EncodingLength]),
        ]);
        var ledger = new PeopleLedger();
        ledger.Create().Name = "Ann, B.";
        ledger.Create();
        var path = folder.Combine(ReviewCsvWriter.FileName);
        ReviewCsvWriter.Write(path, faces,
        [
            new ReviewItem(1, "g, h.jpg:2", 1, 0.41234, 2, 0.45),
            new ReviewItem(0, "=cmd.jpg:1", 2, 0.3, 1, 0.7),
        ], ledger);
        var lines = File.ReadAllLines(path);
        Assert.Equal(ReviewCsvWriter.HeaderLine, lines[0]);
        Assert.Equal("\"g, h.jpg\",2,5,60,70,40,1,\"Ann, B.\",0.4123,2,,0.4500,0.0377,\"move g, h.jpg:2 2\"", lines[1]);
        Assert.Equal("\"'=cmd.jpg\",1,1,2,3,0,2,,0.3000,1,\"Ann, B.\",0.7000,0.4000,move =cmd.jpg:1 1", lines[2]);
        Assert.Equal(3, lines.Length);
        Assert.Single(Directory.GetFiles(folder.Path)); // written whole, no temporary left
    }
}
