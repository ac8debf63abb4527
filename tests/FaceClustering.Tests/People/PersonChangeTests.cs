using System.Text.Json;
using FaceClustering.Core.People;

namespace FaceClustering.Tests.People;

/// <summary>One changes.jsonl line: the change and the person always, every other field only when it means something.</summary>
public class PersonChangeTests
{
    [Fact]
    public void A_line_holds_only_the_fields_that_are_set()
    {
        Assert.Equal("{\"change\":\"retired\",\"person\":4}", new PersonChange("retired", 4).ToJson());
        var moved = new PersonChange("moved", 2) { Face = "a \"b\".jpg:1", Line = 3, Faces = 10, Name = "Zoë" };
        var json = moved.ToJson();
        Assert.DoesNotContain('\n', json);
        Assert.Contains("\"name\":\"Zoë\"", json);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(["change", "person", "name", "faces", "face", "line"], parsed.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("a \"b\".jpg:1", parsed.RootElement.GetProperty("face").GetString());
        Assert.Equal(10, parsed.RootElement.GetProperty("faces").GetInt32());
    }
}
