using System.Text.Json;
using FaceClustering.Core.Export;
using FaceClustering.Core.People;

namespace FaceClustering.Tests.Export;

/// <summary>clusters.json: one object per face, one per line, with the same fields as clusters.csv; any path survives.</summary>
public class ClusterJsonWriterTests
{
    [Fact]
    public void Each_face_is_one_line_that_json_parsers_read_back()
    {
        string[] paths = ["a \"quoted\" ,name.jpg", "ünï/cødé.jpg", "back\\slash\n.jpg"];
        var faces = FaceSet.FromRecords(EncodingsHeader.Create("m", "d"),
            paths.Select((p, i) => new FaceRecord(p, new FaceBox(i, 20 + i, 30 + i, 10 + i), new float[FaceRecord.EncodingLength])));
        var ann = new Person(7) { Name = "Ann" };
        var names = ClusterNames.ForPeople(new Dictionary<int, Person> { [0] = ann, [1] = new Person(9) }, ResultsLayout.People);
        var writer = new StringWriter();
        ClusterJsonWriter.Write(writer, faces, [0, -1, 1], names);
        var text = writer.ToString();
        Assert.Equal(["[", "]", ""], text.Split('\n').Where((_, k) => k is 0 or 4 or 5)); // "[", a line per face (a newline in a path escaped), "]"
        Assert.Equal(6, text.Split('\n').Length);
        Assert.Contains("\"imagePath\":\"ünï/cødé.jpg\"", text); // letters as they are, not \u escapes
        using var parsed = JsonDocument.Parse(text);
        var items = parsed.RootElement.EnumerateArray().ToList();
        Assert.Equal(paths, items.Select(i => i.GetProperty("imagePath").GetString()));
        Assert.Equal([1, 21, 31, 11], items[1].GetProperty("loc").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([0, -1, 1], items.Select(i => i.GetProperty("cluster").GetInt32()));
        Assert.Equal((7, "Ann"), (items[0].GetProperty("person").GetInt32(), items[0].GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("person").ValueKind);
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("name").ValueKind);
    }

    [Fact]
    public void No_faces_is_an_empty_array()
    {
        var writer = new StringWriter();
        ClusterJsonWriter.Write(writer, FaceSet.FromRecords(EncodingsHeader.Create("m", "d"), []), [], ClusterNames.Numbered);
        Assert.Equal("[\n]\n", writer.ToString());
        Assert.Equal(0, JsonDocument.Parse(writer.ToString()).RootElement.GetArrayLength());
    }
}
