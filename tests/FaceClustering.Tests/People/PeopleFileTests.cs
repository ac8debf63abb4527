using System.Text.Json;
using FaceClustering.Core.People;

namespace FaceClustering.Tests.People;

/// <summary>
/// people.json: everything the ledger knows survives a save and a load, the same ledger gives the same bytes, and a
/// file that cannot be used is an error naming why, never a silent fresh start.
/// </summary>
public sealed class PeopleFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static PeopleLedger Ledger()
    {
        var ledger = new PeopleLedger();
        var ann = ledger.Create();
        ann.Name = "Ann \"the\" Lee\\";
        ann.Faces.Add(new FaceKey("b.jpg", 1, 20, 30, 10));
        ann.Faces.Add(new FaceKey("a.jpg", 5, 60, 70, 40));
        ann.Prototypes = [new FaceKey("b.jpg", 1, 20, 30, 10)];
        ledger.Create();
        ledger.Retire(2);
        var third = ledger.Create();
        third.Faces.Add(new FaceKey("ünï/c.jpg", 0, 9, 9, 0));
        ledger.Split.Add(3);
        ledger.Unassigned.Add(new FaceKey("d.jpg", 2, 3, 4, 1));
        return ledger;
    }

    [Fact]
    public void A_saved_ledger_loads_back_whole_and_saves_to_the_same_bytes()
    {
        var path = _temp.Combine("sub", "people.json");
        PeopleFile.Save(path, Ledger());
        var loaded = PeopleFile.Load(path);
        Assert.Equal(4, loaded.NextId);
        Assert.Equal([2], loaded.Retired);
        Assert.Equal([3], loaded.Split);
        Assert.Equal([1, 3], loaded.People.Keys);
        var ann = loaded.People[1];
        Assert.Equal("Ann \"the\" Lee\\", ann.Name);
        Assert.Equal([new FaceKey("a.jpg", 5, 60, 70, 40), new FaceKey("b.jpg", 1, 20, 30, 10)], ann.Faces);
        Assert.Equal([new FaceKey("b.jpg", 1, 20, 30, 10)], ann.Prototypes);
        Assert.Null(loaded.People[3].Name);
        Assert.Equal("ünï/c.jpg", loaded.People[3].Faces.Single().Photo);
        Assert.Equal([new FaceKey("d.jpg", 2, 3, 4, 1)], loaded.Unassigned);

        var again = _temp.Combine("again.json");
        PeopleFile.Save(again, loaded);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
        Assert.Contains("\"photo\": \"ünï/c.jpg\"", File.ReadAllText(path)); // readable in a diff, not \u escapes
        using var json = JsonDocument.Parse(File.ReadAllBytes(path)); // valid JSON for other tools
        Assert.Equal("faceclustering-people", json.RootElement.GetProperty("format").GetString());
    }

    [Fact]
    public void No_file_yet_is_an_empty_ledger()
    {
        var ledger = PeopleFile.Load(_temp.Combine("people.json"));
        Assert.Empty(ledger.People);
        Assert.Equal(1, ledger.NextId);
    }

    [Theory]
    [InlineData("{\"format\": \"something-else\", \"version\": 1}", "it does not say \"format\": \"faceclustering-people\"")]
    [InlineData("{\"format\": \"faceclustering-people\", \"version\": 9, \"nextId\": 1}", "it is of version 9, newer than this tool (1); update the tool")]
    [InlineData("{\"format\": \"faceclustering-people\", \"version\": 1, \"nextId\": 3, \"retired\": [], \"people\": [{\"id\": 1, \"faces\": []}, {\"id\": 1, \"faces\": []}]}",
        "person 1 is listed twice, retired, or not below nextId 3")]
    [InlineData("{\"format\": \"faceclustering-people\", \"version\": 1, \"nextId\": 2, \"retired\": [], \"people\": [{\"id\": 1, \"faces\": [], \"prototypes\": [4]}]}",
        "")]
    [InlineData("{\"format\": \"faceclustering-people\",", "")]
    [InlineData("[1, 2]", "it does not say \"format\"")]
    public void A_file_that_cannot_be_used_is_refused_and_left_as_it_is(string text, string why)
    {
        var path = _temp.Combine("people.json");
        File.WriteAllText(path, text);
        var error = Assert.Throws<InputException>(() => PeopleFile.Load(path));
        Assert.StartsWith($"people file '{path}' cannot be used (", error.Message);
        Assert.Contains(why, error.Message);
        Assert.EndsWith("); it was left as it is: repair it, or pass another with the people setting", error.Message);
        Assert.Equal(text, File.ReadAllText(path));
    }

    [Fact]
    public void A_folder_at_the_path_is_refused()
        => Assert.Contains("(it is a folder)", Assert.Throws<InputException>(() => PeopleFile.Load(_temp.Path)).Message);
}
