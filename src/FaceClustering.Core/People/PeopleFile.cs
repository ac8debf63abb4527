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
                foreach (var face in element.GetProperty("faces").EnumerateArray())
                {
                    var box = face.GetProperty("box");
                    person.Faces.Add(new FaceKey(face.GetProperty("photo").GetString() ?? throw Corrupt(path, "a face without a photo"),
                        box[0].GetInt32(), box[1].GetInt32(), box[2].GetInt32(), box[3].GetInt32()));
                }
                if (element.TryGetProperty("prototypes", out var prototypes))
                    foreach (var prototype in prototypes.EnumerateArray())
                        person.Prototypes.Add(prototype.EnumerateArray().Select(v => v.GetSingle()).ToArray());
                ledger.People.Add(person.Id, person);
            }
            return ledger;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException
                                      or IndexOutOfRangeException or ArgumentException)
        {
            throw Corrupt(path, e.Message.Split('\n')[0]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"people file '{path}' cannot be read ({e.Message}); check its permissions, or pass another with --people");
        }
    }

    public static void Save(string path, PeopleLedger ledger)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("version", Version);
            json.WriteNumber("nextId", ledger.NextId);
            json.WriteStartArray("retired");
            foreach (var id in ledger.Retired) json.WriteNumberValue(id);
            json.WriteEndArray();
            json.WriteStartArray("split");
            foreach (var id in ledger.Split) json.WriteNumberValue(id);
            json.WriteEndArray();
            json.WriteStartArray("people");
            foreach (var person in ledger.People.Values)
            {
                json.WriteStartObject();
                json.WriteNumber("id", person.Id);
                if (person.Name is { } name) json.WriteString("name", name);
                json.WriteStartArray("faces");
                foreach (var face in person.Faces)
                {
                    json.WriteStartObject();
                    json.WriteString("photo", face.Photo);
                    json.WriteStartArray("box");
                    json.WriteNumberValue(face.Top);
                    json.WriteNumberValue(face.Right);
                    json.WriteNumberValue(face.Bottom);
                    json.WriteNumberValue(face.Left);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteStartArray("prototypes");
                foreach (var prototype in person.Prototypes)
                {
                    json.WriteStartArray();
                    foreach (var v in prototype) json.WriteNumberValue(v);
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static InputException Corrupt(string path, string why) =>
        new($"people file '{path}' cannot be used ({why}); it was left as it is: repair it, or pass another with --people");
}
