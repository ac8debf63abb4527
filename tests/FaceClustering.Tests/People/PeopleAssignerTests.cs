using FaceClustering.Core.People;

namespace FaceClustering.Tests.People;

/// <summary>
/// People across runs on synthetic libraries (no models needed): IDs and names that stay, new faces that join, new
/// people, the curation file's decisions, byte-identical reruns, and files that cannot be used.
/// </summary>
public class PeopleAssignerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string PeopleFile => Path.Combine(Path.GetDirectoryName(_library!.EncodingsPath)!, "people.json");
    private string CurationFile => Path.Combine(Path.GetDirectoryName(_library!.EncodingsPath)!, "curation.txt");
    private PhotoLibrary? _library;
    private int _run;

    /// <summary>Three people of 4, 4 and 3 photos, two strangers, and a group photo of the first two.</summary>
    private PhotoLibrary Library() => _library = PhotoLibrary.Create(_temp.Path, people: [4, 4, 3], strangers: 2, groupPhotos: 1);

    /// <summary>Runs cluster; returns its result and, per photo path and box left edge, the (person, name) of each face.</summary>
    private (CommandResult Result, Dictionary<(string, int), (string Person, string Name)> Faces, string[] Changes) Cluster(params string[] extra)
    {
        var output = _temp.Combine($"results-{++_run}");
        var result = ClusterCommand.InProcess([.. new[] { "-e", _library!.EncodingsPath, "-o", output, "--no-images" }, .. extra]);
        var faces = new Dictionary<(string, int), (string, string)>();
        if (result.ExitCode == 0)
            foreach (var line in File.ReadAllLines(Path.Combine(output, "clusters.csv")).Skip(1))
            {
                var cells = line.Split(',');
                faces[(cells[0], int.Parse(cells[4]))] = (cells[6], cells[7]);
            }
        var changes = result.ExitCode == 0 ? File.ReadAllLines(Path.Combine(output, "changes.jsonl")) : [];
        return (result, faces, changes);
    }

    private string PersonOf(Dictionary<(string, int), (string Person, string Name)> faces, int face) =>
        faces[(_library!.Faces[face].ImagePath, _library.Faces[face].Box.Left)].Person;

    /// <summary>Adds faces to the library's encodings file, as encode --update would: near person <paramref name="like"/>'s first face, or of someone new.</summary>
    private void Grow(int seed, int like, int count)
    {
        var faces = FaceSet.Load(_library!.EncodingsPath);
        var records = Enumerable.Range(0, faces.Count).Select(i => new FaceRecord(faces.ImagePaths[i], faces.Boxes[i], faces.Vector(i).ToArray())).ToList();
        var random = new Random(seed);
        var center = like >= 0 ? _library.Faces[_library.Persons.IndexOf(like)].Encoding : SyntheticFaceLibrary.Identity(random);
        for (var k = 0; k < count; k++)
        {
            var record = new FaceRecord(Path.Combine(_library.Root, "photos", $"new-{seed}-{k}.jpg"), new FaceBox(40, 120, 140, 30),
                SyntheticFaceLibrary.Near(random, center));
            records.Add(record);
            _library.Faces.Add(record);
            _library.Persons.Add(like >= 0 ? like : 100 + seed);
        }
        EncodingsWriter.WriteAll(_library.EncodingsPath, faces.Header, records);
    }

    [Fact]
    public void People_keep_their_ids_and_names_as_the_library_grows_and_a_new_person_gets_a_new_id()
    {
        var library = Library();
        var (first, faces, changes) = Cluster();
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("cluster: people: 3 new people", first.Stderr);
        Assert.Equal(3, changes.Length);
        Assert.All(changes, c => Assert.StartsWith("{\"change\":\"new\"", c));
        var idOf = Enumerable.Range(0, 3).ToDictionary(p => p, p => PersonOf(faces, library.Persons.IndexOf(p)));
        Assert.Equal(3, idOf.Values.Distinct().Count());

        File.WriteAllText(CurationFile, $"# who is who\nname {idOf[0]} Alice Example\nname {idOf[1]} Bob\n");
        Grow(seed: 7, like: 0, count: 2);
        Grow(seed: 8, like: 2, count: 1);
        Grow(seed: 9, like: -1, count: 3); // someone new
        var (second, after, changed) = Cluster();
        Assert.Equal(0, second.ExitCode);
        for (var f = 0; f < library.Faces.Count; f++)
        {
            var person = library.Persons[f];
            var (id, name) = after[(library.Faces[f].ImagePath, library.Faces[f].Box.Left)];
            if (person is >= 0 and < 3) Assert.Equal(idOf[person], id); // old and new faces of known people
            if (person == 0) Assert.Equal("Alice Example", name);
            if (person == 1) Assert.Equal("Bob", name);
            if (person == 109) Assert.Equal("4", id); // the new person: the next ID
        }
        Assert.Contains("cluster: people: 1 new person, 3 faces joined 2 people", second.Stderr);
        Assert.Equal(
            [
                $"{{\"change\":\"grew\",\"person\":{idOf[0]},\"faces\":7,\"added\":2}}",
                $"{{\"change\":\"renamed\",\"person\":{idOf[0]},\"name\":\"Alice Example\"}}",
                $"{{\"change\":\"renamed\",\"person\":{idOf[1]},\"name\":\"Bob\"}}",
                $"{{\"change\":\"grew\",\"person\":{idOf[2]},\"faces\":4,\"added\":1}}",
                "{\"change\":\"new\",\"person\":4,\"faces\":3}",
            ],
            changed.OrderBy(c => c.Contains("\"person\":4") ? 9 : 0).ToArray());

        // Nothing new: the people file and the results stay byte for byte as they were.
        var people = File.ReadAllBytes(PeopleFile);
        var (third, _, none) = Cluster();
        Assert.Equal(0, third.ExitCode);
        Assert.Empty(none);
        Assert.Contains("cluster: people: no change to the people", third.Stderr);
        Assert.Equal(people, File.ReadAllBytes(PeopleFile));
        Cluster();
        foreach (var file in Directory.GetFiles(_temp.Combine("results-3")))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(_temp.Combine("results-4"), Path.GetFileName(file))));
    }

    [Fact]
    public void On_a_first_run_the_people_are_the_clusters_face_for_face()
    {
        // A crowded synthetic library (people 0.3-0.7 apart), where joining by a laxer rule would change clusters.
        var (faces, _) = SyntheticFaceLibrary.CreateFaceSet(600, seed: 5, spreadLow: 0.025, spreadHigh: 0.04);
        var encodings = _temp.Combine("crowd", "e.msgpack");
        EncodingsWriter.WriteAll(encodings, faces.Header,
            Enumerable.Range(0, faces.Count).Select(i => new FaceRecord(faces.ImagePaths[i], faces.Boxes[i], faces.Vector(i).ToArray())));
        var plain = ClusterCommand.InProcess("-e", encodings, "-o", _temp.Combine("plain"), "--no-images", "--no-people", "--format", "csv");
        var people = ClusterCommand.InProcess("-e", encodings, "-o", _temp.Combine("people"), "--no-images", "--format", "csv");
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, people.ExitCode);
        string[] Clusters(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[5]).ToArray();
        var expected = Clusters(plain.Stdout);
        Assert.Contains(expected, c => c == "-1");
        Assert.True(expected.Distinct().Count() > 20);
        Assert.Equal(expected, Clusters(people.Stdout));
    }

    [Fact]
    public void Merge_move_not_and_ignore_apply_and_hold_on_the_next_run()
    {
        var library = Library();
        var (_, faces, _) = Cluster();
        var (a, b, c) = (PersonOf(faces, library.Persons.IndexOf(0)), PersonOf(faces, library.Persons.IndexOf(1)), PersonOf(faces, library.Persons.IndexOf(2)));
        var moved = library.Persons.IndexOf(2); // a face of the third person, moved to the first
        var refused = library.Persons.LastIndexOf(1); // a face of the second person, which is not the second person
        var ignored = library.Persons.IndexOf(2, moved + 1);
        File.WriteAllText(CurationFile, string.Join("\n",
            $"merge {a} {b}",
            $"move {library.Faces[moved].ImagePath} {a}",
            $"not {library.Faces[refused].ImagePath}:2 {b}", // the group photo's second face from the left
            $"ignore {library.Faces[ignored].ImagePath}:1",
            "name 99 Nobody", // an unknown ID: reported, the rest applies
            "frobnicate 3"));
        var (result, after, changes) = Cluster();
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("curation.txt:5: no person 99; the line is ignored", result.Stderr);
        Assert.Contains("curation.txt:6: unknown decision 'frobnicate'", result.Stderr);
        Assert.Contains("cluster: people: 1 merge from curation.txt", result.Stderr);
        for (var f = 0; f < library.Faces.Count; f++)
        {
            var person = after[(library.Faces[f].ImagePath, library.Faces[f].Box.Left)].Person;
            if (f == moved) Assert.Equal(a, person);
            else if (f == ignored) Assert.Equal("", person);
            else if (library.Persons[f] == 1 && library.Faces[f].ImagePath == library.Faces[refused].ImagePath) Assert.NotEqual(b, person);
            else if (library.Persons[f] is 0 or 1) Assert.Equal(a, person); // merged
            else if (library.Persons[f] == 2) Assert.Equal(c, person);
        }
        Assert.Contains($"{{\"change\":\"merged\",\"person\":{a},\"from\":{b},\"line\":1}}", changes);
        Assert.Contains(changes, l => l.StartsWith($"{{\"change\":\"moved\",\"person\":{a},", StringComparison.Ordinal));
        using (var people = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(PeopleFile)))
            Assert.Equal([int.Parse(b)], people.RootElement.GetProperty("retired").EnumerateArray().Select(e => e.GetInt32()).ToArray());

        // The same decisions on the next run: nothing moves back, nothing changes.
        var (again, same, none) = Cluster();
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(after, same);
        Assert.Empty(none);
    }

    [Fact]
    public void The_review_lists_the_least_certain_faces_first_with_the_line_that_fixes_them()
    {
        var library = Library();
        // A face halfway between a face of the first person and one of the second: the one to check first.
        var (a, b) = (library.Faces[library.Persons.IndexOf(0)].Encoding, library.Faces[library.Persons.IndexOf(1)].Encoding);
        var between = a.Zip(b, (x, y) => 0.52f * x + 0.48f * y).ToArray();
        var faces = FaceSet.Load(library.EncodingsPath);
        var records = Enumerable.Range(0, faces.Count).Select(i => new FaceRecord(faces.ImagePaths[i], faces.Boxes[i], faces.Vector(i).ToArray())).ToList();
        var photo = Path.Combine(library.Root, "photos", "between.jpg");
        File.Copy(Path.Combine(library.Root, "photos", "img000.jpg"), photo);
        records.Add(new FaceRecord(photo, new FaceBox(60, 300, 160, 200), between));
        EncodingsWriter.WriteAll(library.EncodingsPath, faces.Header, records);
        var output = _temp.Combine("with-images");
        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output).ExitCode);

        var rows = File.ReadAllLines(Path.Combine(output, "review.csv"));
        Assert.Equal("imagePath,face,top,right,bottom,left,person,name,distance,nextPerson,nextName,nextDistance,margin,fix", rows[0]);
        Assert.InRange(rows.Length - 1, 1, 50);
        var margins = rows.Skip(1).Select(r => double.Parse(r.Split(',')[12], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(margins.Order().ToList(), margins); // least certain first
        var first = rows[1].Split(',');
        Assert.Equal(photo, first[0]);
        Assert.Equal("1", first[1]); // its only face
        var (own, next) = (first[6], first[9]);
        Assert.NotEqual(own, next);
        Assert.Equal($"move {first[0]}:1 {next}", first[13]);
        var html = File.ReadAllText(Path.Combine(output, "index.html"));
        Assert.Contains("Check these", html);
        Assert.Contains($"<code>move {first[0]}:1 {next}</code>", html);
        Assert.True(File.Exists(Path.Combine(output, "review", "01.jpg")));

        // The line does what it says.
        File.WriteAllText(CurationFile, first[13] + "\n");
        var (_, after, _) = Cluster();
        Assert.Equal(next, after[(first[0], 200)].Person);
    }

    [Fact]
    public void A_person_whose_photos_are_all_gone_is_retired_and_the_id_is_never_given_again()
    {
        var library = Library();
        var (_, faces, _) = Cluster();
        var gone = PersonOf(faces, library.Persons.IndexOf(2)); // the third person, in no group photo
        // encode --update after their photos were deleted: their faces leave the encodings file.
        var kept = FaceSet.Load(library.EncodingsPath);
        var records = Enumerable.Range(0, kept.Count).Where(i => library.Persons[i] != 2)
            .Select(i => new FaceRecord(kept.ImagePaths[i], kept.Boxes[i], kept.Vector(i).ToArray())).ToList();
        EncodingsWriter.WriteAll(library.EncodingsPath, kept.Header, records);
        for (var i = library.Faces.Count - 1; i >= 0; i--)
            if (library.Persons[i] == 2) { library.Faces.RemoveAt(i); library.Persons.RemoveAt(i); }
        var (result, _, changes) = Cluster();
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{{\"change\":\"retired\",\"person\":{gone}}}", changes);
        Assert.Contains("1 person retired", result.Stderr);
        // Someone new later gets the next ID, not the retired one.
        Grow(seed: 12, like: -1, count: 3);
        var (_, after, added) = Cluster();
        Assert.Contains("{\"change\":\"new\",\"person\":4,\"faces\":3}", added);
        Assert.DoesNotContain(after.Values, v => v.Person == gone);
    }

    [Fact]
    public void Split_re_clusters_one_person_strictly_once()
    {
        var library = Library();
        var (_, faces, _) = Cluster();
        var (a, b) = (PersonOf(faces, library.Persons.IndexOf(0)), PersonOf(faces, library.Persons.IndexOf(1)));
        File.WriteAllText(CurationFile, $"merge {a} {b}\n");
        Cluster();
        File.WriteAllText(CurationFile, $"split {a}\n"); // the merge was a mistake
        var (result, after, changes) = Cluster();
        Assert.Equal(0, result.ExitCode);
        var first = library.Faces.Where((_, f) => library.Persons[f] == 0).Select(r => after[(r.ImagePath, r.Box.Left)].Person).Distinct().ToList();
        var second = library.Faces.Where((_, f) => library.Persons[f] == 1).Select(r => after[(r.ImagePath, r.Box.Left)].Person).Distinct().ToList();
        Assert.Single(first);
        Assert.Single(second);
        Assert.NotEqual(first[0], second[0]);
        Assert.Contains(a, new[] { first[0], second[0] }); // the larger part keeps the ID
        Assert.Single(changes, l => l.StartsWith("{\"change\":\"split\"", StringComparison.Ordinal));
        var (_, again, none) = Cluster(); // applied once, not on every run
        Assert.Equal(after, again);
        Assert.Empty(none);
    }

    [Fact]
    public void A_people_file_that_cannot_be_used_stops_the_run_with_one_line_and_is_left_as_it_is()
    {
        Library();
        Directory.CreateDirectory(Path.GetDirectoryName(PeopleFile)!);
        File.WriteAllText(PeopleFile, "{\"format\": \"faceclustering-people\", \"version\": 1, \"nextId\": ");
        var before = File.ReadAllBytes(PeopleFile);
        var (result, _, _) = Cluster();
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"cluster: people file '{PeopleFile}' cannot be used (", result.Stderr.Trim());
        Assert.EndsWith("it was left as it is: repair it, or pass another with --people", result.Stderr.Trim());
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllBytes(PeopleFile));
        Assert.False(Directory.Exists(_temp.Combine($"results-{_run}")));

        File.WriteAllText(PeopleFile, "[1, 2, 3]");
        Assert.Contains("it does not say \"format\": \"faceclustering-people\"", Cluster().Result.Stderr);

        File.Delete(PeopleFile);
        Directory.CreateDirectory(CurationFile); // a curation "file" that is a folder
        var (curation, _, _) = Cluster();
        Assert.Equal(2, curation.ExitCode);
        Assert.StartsWith($"cluster: curation file '{CurationFile}' cannot be read", curation.Stderr.Trim());
    }

    [Fact]
    public void Without_a_people_file_clusters_are_numbered_as_the_original_script_does()
    {
        var library = Library();
        var output = _temp.Combine("original");
        var result = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output, "--no-people", "--layout", "original");
        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(PeopleFile));
        Assert.False(File.Exists(Path.Combine(output, "changes.jsonl")));
        Assert.True(Directory.Exists(Path.Combine(output, "label0")));
        Assert.True(Directory.Exists(Path.Combine(output, "label-1")));
        Assert.All(File.ReadAllLines(Path.Combine(output, "clusters.csv")).Skip(1), l => Assert.EndsWith(",,", l));
    }
}
