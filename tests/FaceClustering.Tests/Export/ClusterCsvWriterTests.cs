using FaceClustering.Core.Export;

namespace FaceClustering.Tests.Export;

public class ClusterCsvWriterTests
{
    [Fact]
    public void Paths_a_spreadsheet_would_run_as_formulas_are_neutralised_and_others_quoted_as_rfc_4180_says()
    {
        string[] paths = ["=HYPERLINK(\"x\").jpg", "+1.jpg", "-2.jpg", "@SUM(A1).jpg", "\tx.jpg", "plain/a.jpg", "with, comma.jpg", "q\"uote.jpg"];
        var faces = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"),
            paths.Select(p => new FaceRecord(p, new FaceBox(1, 2, 3, 0), new float[128])));
        var writer = new StringWriter();
        ClusterCsvWriter.Write(writer, faces, Enumerable.Repeat(-1, paths.Length).ToList(), ClusterNames.Numbered);
        var lines = writer.ToString().Split('\n');
        Assert.Equal(ClusterCsvWriter.HeaderLine, lines[0]);
        Assert.Equal("\"'=HYPERLINK(\"\"x\"\").jpg\",1,2,3,0,-1,,", lines[1]);
        Assert.Equal("\"'+1.jpg\",1,2,3,0,-1,,", lines[2]);
        Assert.Equal("\"'-2.jpg\",1,2,3,0,-1,,", lines[3]);
        Assert.Equal("\"'@SUM(A1).jpg\",1,2,3,0,-1,,", lines[4]);
        Assert.Equal("\"'\tx.jpg\",1,2,3,0,-1,,", lines[5]);
        Assert.Equal("plain/a.jpg,1,2,3,0,-1,,", lines[6]);
        Assert.Equal("\"with, comma.jpg\",1,2,3,0,-1,,", lines[7]);
        Assert.Equal("\"q\"\"uote.jpg\",1,2,3,0,-1,,", lines[8]);
    }
}
