using FaceClustering.Core.People;

namespace FaceClustering.Core.Export;

/// <summary>What each cluster of a run is called: its folder, its title on the page, and the person behind it.</summary>
public sealed class ClusterNames
{
    private readonly IReadOnlyDictionary<int, Person> _people;
    private readonly ResultsLayout _layout;

    private ClusterNames(IReadOnlyDictionary<int, Person> people, ResultsLayout layout)
    {
        _people = people;
        _layout = layout;
    }

    /// <summary>No people: label&lt;N&gt; folders, "Person N" titles.</summary>
    public static ClusterNames Numbered { get; } = new(new Dictionary<int, Person>(), ResultsLayout.Original);

    /// <param name="people">The person of each cluster number.</param>
    public static ClusterNames ForPeople(IReadOnlyDictionary<int, Person> people, ResultsLayout layout) => new(people, layout);

    public Person? PersonOf(int label) => _people.GetValueOrDefault(label);

    public string Folder(int label) =>
        _layout == ResultsLayout.Original ? $"label{label}" : label < 0 ? "unknown" : _people[label].FolderName;

    public string Title(int label) => PersonOf(label) switch
    {
        { Name: { } name } p => $"{name} (person {p.Id})",
        { } p => $"Person {p.Id}",
        null => label < 0 ? "Not assigned to anyone" : $"Person {label}",
    };

    /// <summary>The montages' paths as a pattern, for the summary line.</summary>
    public string MontageGlob => _layout == ResultsLayout.Original ? "label*" : "*";
}
