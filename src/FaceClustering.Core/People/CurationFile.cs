using System.Globalization;

namespace FaceClustering.Core.People;

/// <summary>One decision of the curation file, with the line it came from.</summary>
public abstract record CurationDecision(int Line)
{
    public sealed record Name(int Line, int Id, string Text) : CurationDecision(Line);
    public sealed record Merge(int Line, int Into, int From) : CurationDecision(Line);
    public sealed record Move(int Line, FaceRef Face, int Id) : CurationDecision(Line);
    public sealed record Not(int Line, FaceRef Face, int Id) : CurationDecision(Line);
    public sealed record Ignore(int Line, FaceRef Face) : CurationDecision(Line);
    public sealed record Split(int Line, int Id) : CurationDecision(Line);
}

/// <summary>A photo as the encodings file stores its path, and optionally which of its faces (1 = leftmost).</summary>
public readonly record struct FaceRef(string Photo, int? Number)
{
    public override string ToString() => Number is { } n ? $"{Photo}:{n}" : Photo;
}

/// <summary>
/// The curation file (<c>curation.txt</c>), written by a person and kept in git: one decision a line, <c>#</c>
/// comments, re-applied on every run:
/// <c>name ID Some Name</c>, <c>merge ID ID</c> (the second into the first), <c>move PHOTO[:N] ID</c>,
/// <c>not PHOTO[:N] ID</c>, <c>ignore PHOTO[:N]</c>, <c>split ID</c>. A line that cannot be read is reported with
/// its number and the others still apply.
/// </summary>
public static class CurationFile
{
    public const string DefaultName = "curation.txt";

    public static (List<CurationDecision> Decisions, List<string> Problems) Load(string path)
    {
        var decisions = new List<CurationDecision>();
        var problems = new List<string>();
        if (Directory.Exists(path))
            throw new InputException($"curation file '{path}' cannot be read (it is a folder); pass the file with {Setting.Curation}");
        if (!File.Exists(path)) return (decisions, problems);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"curation file '{path}' cannot be read ({e.Message}); check its permissions, or pass another with {Setting.Curation}");
        }
        for (var k = 0; k < lines.Length; k++)
        {
            var text = lines[k];
            var hash = text.IndexOf('#');
            if (hash >= 0) text = text[..hash];
            text = text.Trim();
            if (text.Length == 0) continue;
            if (Parse(k + 1, text, out var why) is { } decision) decisions.Add(decision);
            else problems.Add($"{path}:{k + 1}: {why}; the line is ignored");
        }
        return (decisions, problems);
    }

    private static CurationDecision? Parse(int line, string text, out string? why)
    {
        why = null;
        var space = text.IndexOf(' ');
        var verb = space < 0 ? text : text[..space];
        var rest = space < 0 ? "" : text[(space + 1)..].Trim();
        switch (verb)
        {
            case "name" when SplitFirst(rest) is ({ } id, { Length: > 0 } name) && Id(id) is { } n:
                return new CurationDecision.Name(line, n, name);
            case "merge" when rest.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var a, var b] && Id(a) is { } into && Id(b) is { } from:
                if (into == from) { why = "merge needs two different IDs"; return null; }
                return new CurationDecision.Merge(line, into, from);
            case "move" or "not" when SplitLast(rest) is ({ Length: > 0 } photo, { } id) && Id(id) is { } n:
                return verb == "move" ? new CurationDecision.Move(line, Face(photo), n) : new CurationDecision.Not(line, Face(photo), n);
            case "ignore" when rest.Length > 0:
                return new CurationDecision.Ignore(line, Face(rest));
            case "split" when Id(rest) is { } n:
                return new CurationDecision.Split(line, n);
        }
        why = verb is "name" or "merge" or "move" or "not" or "ignore" or "split"
            ? $"'{text}' does not read as: name ID Some Name | merge ID ID | move PHOTO[:N] ID | not PHOTO[:N] ID | ignore PHOTO[:N] | split ID"
            : $"unknown decision '{verb}' (name, merge, move, not, ignore or split)";
        return null;
    }

    private static int? Id(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    private static (string?, string?) SplitFirst(string text)
    {
        var space = text.IndexOf(' ');
        return space < 0 ? (text, null) : (text[..space], text[(space + 1)..].Trim());
    }

    private static (string?, string?) SplitLast(string text)
    {
        var space = text.LastIndexOf(' ');
        return space < 0 ? (null, null) : (text[..space].Trim(), text[(space + 1)..]);
    }

    /// <summary>PHOTO or PHOTO:N (a photo path may itself hold colons: only a trailing :digits counts).</summary>
    private static FaceRef Face(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon > 0 && colon < text.Length - 1 && text[(colon + 1)..].All(char.IsAsciiDigit)
            && int.TryParse(text[(colon + 1)..], CultureInfo.InvariantCulture, out var n) && n > 0)
            return new FaceRef(text[..colon], n);
        return new FaceRef(text, null);
    }
}
