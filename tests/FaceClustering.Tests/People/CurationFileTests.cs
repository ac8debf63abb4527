using FaceClustering.Core.People;

namespace FaceClustering.Tests.People;

/// <summary>
/// The curation file: one decision a line with its line number, comments and blank lines skipped, a photo path
/// that holds colons read whole, and each line that cannot be read reported while the others still apply.
/// </summary>
public sealed class CurationFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (List<CurationDecision> Decisions, List<string> Problems) Load(string text)
    {
        var path = _temp.Combine("curation.txt");
        File.WriteAllText(path, text);
        return CurationFile.Load(path);
    }

    [Fact]
    public void Every_decision_reads_with_its_line()
    {
        var (decisions, problems) = Load("""
            # people of the 2019 trip
            name 3 Ann  Lee   # two spaces kept inside the name

            merge 3 7
            move trips/2019/beach.jpg:2 3
            not trips/2019/beach.jpg 7
            ignore 12:30 lunch.jpg
            ignore poster.jpg:1
            split 4
            """);
        Assert.Empty(problems);
        Assert.Equal<CurationDecision>(
        [
            new CurationDecision.Name(2, 3, "Ann  Lee"),
            new CurationDecision.Merge(4, 3, 7),
            new CurationDecision.Move(5, new FaceRef("trips/2019/beach.jpg", 2), 3),
            new CurationDecision.Not(6, new FaceRef("trips/2019/beach.jpg", null), 7),
            new CurationDecision.Ignore(7, new FaceRef("12:30 lunch.jpg", null)),
            new CurationDecision.Ignore(8, new FaceRef("poster.jpg", 1)),
            new CurationDecision.Split(9, 4),
        ], decisions);
        Assert.Equal("poster.jpg:1", new FaceRef("poster.jpg", 1).ToString());
    }

    [Fact]
    public void A_line_that_cannot_be_read_is_reported_and_the_others_apply()
    {
        var (decisions, problems) = Load("rename 3 Ann\nmerge 3 3\nname 0 Nobody\nmove a.jpg\nname 5 Eve\nsplit -2\n");
        var path = _temp.Combine("curation.txt");
        Assert.Equal([new CurationDecision.Name(5, 5, "Eve")], decisions);
        Assert.Equal(
        [
            $"{path}:1: unknown decision 'rename' (name, merge, move, not, ignore or split); the line is ignored",
            $"{path}:2: merge needs two different IDs; the line is ignored",
            $"{path}:3: 'name 0 Nobody' does not read as: name ID Some Name | merge ID ID | move PHOTO[:N] ID | not PHOTO[:N] ID | ignore PHOTO[:N] | split ID; the line is ignored",
        ], problems[..3]);
        Assert.Equal(5, problems.Count); // move without an ID, split of a negative ID
        Assert.Contains(":4: 'move a.jpg' does not read as", problems[3]);
        Assert.Contains(":6: 'split -2' does not read as", problems[4]);
    }

    [Fact]
    public void No_file_is_no_decisions_and_a_folder_is_refused()
    {
        var (decisions, problems) = CurationFile.Load(_temp.Combine("none.txt"));
        Assert.Empty(decisions);
        Assert.Empty(problems);
        var error = Assert.Throws<InputException>(() => CurationFile.Load(_temp.Path));
        Assert.Equal($"curation file '{_temp.Path}' cannot be read (it is a folder); pass the file with the curation setting", error.Message);
    }
}
