namespace FaceClustering.Core.People;

/// <summary>Everyone the people file knows: the people by ID, the IDs retired (never reused) and the next ID to give.</summary>
public sealed class PeopleLedger
{
    public SortedDictionary<int, Person> People { get; } = [];
    public SortedSet<int> Retired { get; } = [];

    /// <summary>
    /// The faces seen on the last run that nobody took. They are not offered to the nearest person again by distance
    /// alone (only this run's clusters can take them), so that a second run on the same input changes nothing.
    /// </summary>
    public SortedSet<FaceKey> Unassigned { get; } = [];

    /// <summary>People a curation <c>split</c> has already split (a split is applied once, not on every run).</summary>
    public SortedSet<int> Split { get; } = [];
    public int NextId { get; set; } = 1;

    public Person Create()
    {
        var person = new Person(NextId++);
        People.Add(person.Id, person);
        return person;
    }

    public void Retire(int id)
    {
        if (People.Remove(id)) Retired.Add(id);
    }

    /// <summary>Whether an ID was ever given (a person now, or retired).</summary>
    public bool Known(int id) => People.ContainsKey(id) || Retired.Contains(id);
}
