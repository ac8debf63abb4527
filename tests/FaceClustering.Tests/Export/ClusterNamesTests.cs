using FaceClustering.Core.Export;
using FaceClustering.Core.People;

namespace FaceClustering.Tests.Export;

/// <summary>Each cluster's folder and title: numbered in the original layout, by person (named or not) otherwise.</summary>
public class ClusterNamesTests
{
    private static ClusterNames People(ResultsLayout layout) => ClusterNames.ForPeople(new Dictionary<int, Person>
    {
        [0] = new(7) { Name = "Ana María" },
        [1] = new(12),
        [2] = new(3) { Name = "a/b:c?" },
    }, layout);

    [Fact]
    public void Without_people_clusters_are_numbered_as_the_original_script_did()
    {
        var names = ClusterNames.Numbered;
        Assert.Equal("label0", names.Folder(0));
        Assert.Equal("label-1", names.Folder(-1));
        Assert.Equal("Person 4", names.Title(4));
        Assert.Equal("Not assigned to anyone", names.Title(-1));
        Assert.Null(names.PersonOf(0));
        Assert.Equal("label*", names.MontageGlob);
    }

    [Fact]
    public void With_people_folders_and_titles_follow_the_person()
    {
        var names = People(ResultsLayout.People);
        Assert.Equal("Ana María (7)", names.Folder(0));
        Assert.Equal("person-12", names.Folder(1));
        Assert.Equal("a_b_c_ (3)", names.Folder(2)); // characters no file system takes are replaced
        Assert.Equal("unknown", names.Folder(-1));
        Assert.Equal("Ana María (person 7)", names.Title(0));
        Assert.Equal("Person 12", names.Title(1));
        Assert.Equal(12, names.PersonOf(1)?.Id);
        Assert.Equal("*", names.MontageGlob);
    }

    [Fact]
    public void The_original_layout_keeps_label_folders_even_with_people()
    {
        var names = People(ResultsLayout.Original);
        Assert.Equal("label1", names.Folder(1));
        Assert.Equal("Person 12", names.Title(1)); // the title still names the person
    }
}
