using System.Text.Json;
using FaceClustering.Core.IO;

namespace FaceClustering.Core.People;

/// <summary>
/// The people file (<c>people.json</c>): every person with their stable ID, name, faces (photo and box) and
/// prototypes, the retired IDs and the next ID. Written atomically, in a fixed order (people by ID, faces by
/// photo then position), so that an unchanged library gives the same bytes; a file that cannot be read is an
/// error, never a silent fresh start.
/// </summary>
public static class PeopleFile
{
    public const string DefaultName = "people.json";
    private const string Format = "faceclustering-people";
    private const int Version = 1;

    /// <summary>The ledger in <paramref name="path"/>; an empty one when the file does not exist yet.</summary>
    public static PeopleLedger Load(string path)
    {
        if (Directory.Exists(path)) throw Corrupt(path, "it is a folder");
        if (!File.Exists(path)) return new PeopleLedger();
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != Format)
                throw Corrupt(path, $"it does not say \"format\": \"{Format}\"");
            var version = root.GetProperty("version").GetInt32();
            if (version > Version) throw Corrupt(path, $"it is of version {version}, newer than this tool ({Version}); update the tool");
            var ledger = new PeopleLedger { NextId = root.GetProperty("nextId").GetInt32() };
            foreach (var id in root.GetProperty("retired").EnumerateArray()) ledger.Retired.Add(id.GetInt32());
            if (root.TryGetProperty("split", out var split))
                foreach (var id in split.EnumerateArray()) ledger.Split.Add(id.GetInt32());
            foreach (var element in root.GetProperty("people").EnumerateArray())
            {
                var person = new Person(element.GetProperty("id").GetInt32());
                if (person.Id < 1 || person.Id >= ledger.NextId || ledger.Known(person.Id))
                    throw Corrupt(path, $"person {person.Id} is listed twice, retired, or not below nextId {ledger.NextId}");
                if (element.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String) person.Name = name.GetString();
                foreach (var face in element.GetProperty("faces").EnumerateArray()) person.Faces.Add(ReadFace(face, path));
                if (element.TryGetProperty("prototypes", out var prototypes))
                {
                    var list = person.Faces.ToList();
                    foreach (var prototype in prototypes.EnumerateArray()) person.Prototypes.Add(list[prototype.GetInt32()]);
                }
                ledger.People.Add(person.Id, person);
            }
            if (root.TryGetProperty("unassigned", out var unassigned))
                foreach (var face in unassigned.EnumerateArray()) ledger.Unassigned.Add(ReadFace(face, path));
            return ledger;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException
                                      or IndexOutOfRangeException or ArgumentException)
        {
            throw Corrupt(path, e.Message.Split('\n')[0]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"people file '{path}' cannot be read ({e.Message}); check its permissions, or pass another with {Setting.People}");
        }
    }

    private static FaceKey ReadFace(JsonElement face, string path)
    {
        var box = face.GetProperty("box");
        return new FaceKey(face.GetProperty("photo").GetString() ?? throw Corrupt(path, "a face without a photo"),
            box[0].GetInt32(), box[1].GetInt32(), box[2].GetInt32(), box[3].GetInt32());
    }

    /// <summary>
    /// Writes the file by hand, one face a line (a diff of two runs then reads as faces that moved), with the
    /// strings escaped as JSON requires.
    /// </summary>
    public static void Save(string path, PeopleLedger ledger)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        AtomicFile.Write(path, stream =>
        {
            using var text = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            text.Write(Invariant($"{{\n  \"format\": \"{Format}\",\n  \"version\": {Version},\n  \"nextId\": {ledger.NextId},\n"));
            text.Write(Invariant($"  \"retired\": [{string.Join(", ", ledger.Retired.Select(Number))}],\n  \"split\": [{string.Join(", ", ledger.Split.Select(Number))}],\n"));
            text.Write("  \"people\": [");
            var firstPerson = true;
            foreach (var person in ledger.People.Values)
            {
                text.Write(firstPerson ? "\n" : ",\n");
                firstPerson = false;
                text.Write(Invariant($"    {{\n      \"id\": {person.Id},\n"));
                if (person.Name is { } name) text.Write($"      \"name\": {JsonText.Quote(name)},\n");
                var faces = person.Faces.ToList();
                var position = faces.Select((f, k) => (f, k)).ToDictionary(x => x.f, x => x.k);
                text.Write($"      \"prototypes\": [{string.Join(", ", person.Prototypes.Where(position.ContainsKey).Select(p => Number(position[p])))}],\n");
                text.Write("      \"faces\": [");
                WriteFaces(text, faces, "        ");
                text.Write("]\n    }");
            }
            text.Write(ledger.People.Count == 0 ? "],\n" : "\n  ],\n");
            text.Write("  \"unassigned\": [");
            WriteFaces(text, ledger.Unassigned.ToList(), "    ");
            text.Write("]\n}\n");
        });
    }

    private static void WriteFaces(TextWriter text, List<FaceKey> faces, string indent)
    {
        for (var k = 0; k < faces.Count; k++)
        {
            var f = faces[k];
            text.Write(Invariant($"\n{indent}{{\"photo\": {JsonText.Quote(f.Photo)}, \"box\": [{f.Top}, {f.Right}, {f.Bottom}, {f.Left}]}}{(k < faces.Count - 1 ? "," : "\n" + indent[..^2])}"));
        }
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static InputException Corrupt(string path, string why) =>
        new($"people file '{path}' cannot be used ({why}); it was left as it is: repair it, or pass another with {Setting.People}");
}
