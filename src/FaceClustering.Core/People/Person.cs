namespace FaceClustering.Core.People;

/// <summary>One person of the people file: a stable ID (never reused), an optional name, their faces and prototypes.</summary>
public sealed class Person(int id)
{
    public int Id { get; } = id;
    public string? Name { get; set; }

    /// <summary>Every face assigned to this person, in <see cref="FaceKey"/> order.</summary>
    public SortedSet<FaceKey> Faces { get; } = [];

    /// <summary>
    /// Up to <see cref="PeopleAssigner.Prototypes"/> of this person's faces, spread over them (farthest first): what
    /// a new face is compared with, so that joining costs the same for a person of 10 faces or 10,000.
    /// </summary>
    public List<FaceKey> Prototypes { get; set; } = [];

    /// <summary>The folder name: the name made safe for every file system, or person-ID.</summary>
    public string FolderName => SafeName(Name) is { } safe ? $"{safe} ({Id})" : $"person-{Id}";

    /// <summary>A name with the characters no file system accepts (and control characters) replaced; null when none is left.</summary>
    internal static string? SafeName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var chars = name.Trim().Select(c => c < ' ' || "<>:\"/\\|?*".Contains(c) ? '_' : c).ToArray();
        var safe = new string(chars).TrimEnd('.', ' ');
        if (safe.Length > 80) safe = safe[..80];
        return safe.Length == 0 || safe is "." or ".." ? null : safe;
    }
}
