using System.Globalization;
using FaceClustering.Core.Export;
using FaceClustering.Core.People;

namespace FaceClustering.Tests.Cluster;

/// <summary>End-to-end runs of <c>cluster</c> on a photo library and an encodings file the test makes itself.</summary>
public class ClusterCliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private PhotoLibrary Library(bool relative = false) =>
        PhotoLibrary.Create(_temp.Path, people: [6, 6, 5], strangers: 2, groupPhotos: 1, relativePaths: relative);

    [Fact]
    public void A_full_run_writes_a_folder_per_person_with_all_their_photos_a_montage_and_the_csv()
    {
        var library = Library();
        var before = library.Fingerprint();
        var output = _temp.Combine("out");

        var result = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output, "-j", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"21 faces: 3 people in 2 or more photos (19 faces), 2 faces of people seen once -> {output} (4 montages: {Path.Combine(output, "*", "montage.jpg")})", result.Stdout.Trim());
        Assert.Equal("cluster: people: 3 new people", result.Stderr.Trim()); // nothing else to report

        var rows = ReadCsv(Path.Combine(output, "clusters.csv"));
        Assert.Equal(library.Faces.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(library.Faces[i].ImagePath, rows[i].Path);
            Assert.Equal(library.Faces[i].Box, rows[i].Box);
        }
        // Same person <=> same cluster; strangers are noise.
        var labelOfPerson = new Dictionary<int, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (library.Persons[i] < 0) { Assert.Equal(-1, rows[i].Cluster); continue; }
            Assert.True(rows[i].Cluster >= 0);
            Assert.Equal(labelOfPerson.GetValueOrDefault(library.Persons[i], rows[i].Cluster), rows[i].Cluster);
            labelOfPerson[library.Persons[i]] = rows[i].Cluster;
        }
        Assert.Equal(3, labelOfPerson.Values.Distinct().Count());

        // A folder per person, named by the ID that lasts (person-N; no names yet), and unknown/ for nobody's faces.
        Assert.Equal([ResultsFolder.MarkerName, "changes.jsonl", "clusters.csv", "index.html", "person-1", "person-2", "person-3", "review.csv", "unknown"],
            Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(r.Cluster < 0 ? null : r.Cluster + 1, r.Person)); // first run: IDs in cluster order
        foreach (var label in new[] { -1, 0, 1, 2 })
        {
            var folder = Path.Combine(output, label < 0 ? "unknown" : $"person-{label + 1}");
            var expected = rows.Where(r => r.Cluster == label).Select(r => (string?)Path.GetFileName(r.Path)).Distinct().Order(StringComparer.Ordinal).ToList();
            var photos = Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => n != "montage.jpg").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, photos); // every photo, not a sample
            foreach (var photo in photos)
                Assert.Equal(File.ReadAllBytes(Path.Combine(library.Root, "photos", photo!)), File.ReadAllBytes(Path.Combine(folder, photo!)));

            using var montage = TestImages.Read(Path.Combine(folder, "montage.jpg"));
            Assert.Equal(480, montage.Width);
            Assert.Equal(480, montage.Height);
        }

        // The group photo holds a face of person 0 and one of person 1: it is in both folders.
        var group = library.Faces[^1].ImagePath;
        Assert.True(File.Exists(Path.Combine(output, $"person-{labelOfPerson[0] + 1}", Path.GetFileName(group))));
        Assert.True(File.Exists(Path.Combine(output, $"person-{labelOfPerson[1] + 1}", Path.GetFileName(group))));

        Assert.Equal(before, library.Fingerprint()); // photos untouched
    }

    [Fact]
    public void Montage_tiles_show_the_faces_and_stop_at_25()
    {
        var library = PhotoLibrary.Create(_temp.Path, people: [30], strangers: 0, groupPhotos: 0);
        var output = _temp.Combine("out");
        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output).ExitCode);

        using var montage = TestImages.Read(Path.Combine(output, "person-1", "montage.jpg"));
        // Every one of the 25 tiles is filled with a face patch (not the black background).
        for (var tile = 0; tile < 25; tile++)
        {
            var mean = TestImages.Mean(montage, new PixelRect(tile % 5 * 96 + 8, tile / 5 * 96 + 8, 80, 80));
            Assert.True(mean.B + mean.G + mean.R > 100, $"tile {tile} is empty");
        }
        Assert.Equal(30, Directory.GetFiles(Path.Combine(output, "person-1")).Length - 1);
    }

    [Fact]
    public void Reruns_give_byte_identical_montages_and_csv()
    {
        var library = Library();
        var first = _temp.Combine("first");
        var second = _temp.Combine("second");
        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", first, "-j", "1").ExitCode);
        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", second, "-j", "2").ExitCode);
        foreach (var file in new[] { "clusters.csv", "person-1/montage.jpg", "person-2/montage.jpg", "unknown/montage.jpg" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
    }

    [Fact]
    public void A_non_empty_output_folder_is_refused_without_overwrite_and_replaced_with_it()
    {
        var library = Library();
        var output = _temp.Combine("out");
        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output, "--no-images").ExitCode);
        Directory.CreateDirectory(Path.Combine(output, "label7"));
        File.WriteAllText(Path.Combine(output, "notes.txt"), "earlier results");

        var refused = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"cluster: output folder '{output}' is not empty; pass --overwrite to replace it, or choose another folder with -o",
            refused.Stderr.Trim());
        Assert.True(File.Exists(Path.Combine(output, "notes.txt")));

        var replaced = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output, "--overwrite");
        Assert.Equal(0, replaced.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(output, "label7")));
        Assert.True(File.Exists(Path.Combine(output, "clusters.csv")));
        // No staging or old folders are left beside the output (only the writer lock, .out.lock).
        Assert.Equal([".out.lock", "encodings", "out", "photos"], Directory.EnumerateFileSystemEntries(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Overwrite_replaces_only_an_earlier_result_never_another_folder()
    {
        var library = Library();
        var folder = _temp.Combine("documents");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.WriteAllText(Path.Combine(folder, "README.md"), "mine");
        File.WriteAllText(Path.Combine(folder, "sub", "a.txt"), "mine too");

        var result = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", folder, "--overwrite");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"cluster: output folder '{folder}' is not a results folder (it has no {ResultsFolder.MarkerName}); " +
                     "it is left as it is: choose another folder with -o", result.Stderr.Trim());
        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "README.md")));
        Assert.Equal("mine too", File.ReadAllText(Path.Combine(folder, "sub", "a.txt")));

        // A result written by cluster carries the marker, and a later run may replace it.
        var output = _temp.Combine("results");
        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output, "--no-images").ExitCode);
        Assert.True(File.Exists(Path.Combine(output, ResultsFolder.MarkerName)));
        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output, "--no-images", "--overwrite").ExitCode);
    }

    [Fact]
    public void An_output_folder_that_holds_the_inputs_is_refused_even_with_overwrite()
    {
        var library = Library();
        var result = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", _temp.Combine("photos"), "--overwrite");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("holds an input", result.Stderr);
        Assert.Equal(20, Directory.GetFiles(_temp.Combine("photos")).Length);
    }

    [Fact]
    public void Missing_photos_are_reported_and_skipped_and_the_rest_is_written()
    {
        var library = Library();
        var gone = library.Faces[0].ImagePath;
        File.Delete(gone);
        var output = _temp.Combine("out");

        var result = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"cluster: 1 photo(s) named in the encodings no longer exist and were skipped: '{gone}'\n", result.Stderr);
        Assert.StartsWith("21 faces: 3 people in 2 or more photos (19 faces), 2 faces of people seen once", result.Stdout);
        Assert.Equal(22, File.ReadAllLines(Path.Combine(output, "clusters.csv")).Length); // still every face
        var copies = Directory.GetFiles(output, "*.jpg", SearchOption.AllDirectories).Count(p => Path.GetFileName(p) != "montage.jpg");
        Assert.Equal(20, copies); // 19 photos once, the group photo twice, minus the missing one
    }

    [Fact]
    public void No_images_writes_only_the_csv_files()
    {
        var library = Library();
        foreach (var photo in library.PhotoPaths) File.Delete(photo); // photos that live elsewhere
        var output = _temp.Combine("out");

        var result = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output, "--no-images", "--eps", "0.5");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("cluster: people: 3 new people", result.Stderr.Trim());
        Assert.Equal([ResultsFolder.MarkerName, "changes.jsonl", "clusters.csv", "review.csv"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Photos_with_the_same_name_from_different_folders_are_both_kept()
    {
        var random = new Random(3);
        var center = SyntheticFaceLibrary.Identity(random);
        var faces = new List<FaceRecord>();
        foreach (var sub in new[] { "a", "b", "c", "d", "e" })
        {
            var path = _temp.Combine(sub, "IMG_0001.jpg");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var image = TestImages.Solid(100, 100, (byte)sub[0], 50, 50)) TestImages.Write(image, path);
            faces.Add(new FaceRecord(path, new FaceBox(10, 90, 90, 10), SyntheticFaceLibrary.Near(random, center)));
        }
        // A photo called montage.jpg must not be overwritten by the montage either.
        var montageNamed = _temp.Combine("f", "montage.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(montageNamed)!);
        using (var image = TestImages.Solid(100, 100, 200)) TestImages.Write(image, montageNamed);
        faces.Add(new FaceRecord(montageNamed, new FaceBox(10, 90, 90, 10), SyntheticFaceLibrary.Near(random, center)));

        var encodings = _temp.Combine("e.msgpack");
        EncodingsWriter.WriteAll(encodings, EncodingsHeader.Create("m", "t", _temp.Path), faces);
        var output = _temp.Combine("out");
        Assert.Equal(0, ClusterCommand.InProcess("-e", encodings, "-o", output).ExitCode);

        var folder = Path.Combine(output, "person-1");
        Assert.Equal(["IMG_0001.jpg", "IMG_0001_2.jpg", "IMG_0001_3.jpg", "IMG_0001_4.jpg", "IMG_0001_5.jpg", "montage.jpg", "montage_2.jpg"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(_temp.Combine("c", "IMG_0001.jpg")), File.ReadAllBytes(Path.Combine(folder, "IMG_0001_3.jpg")));
        Assert.Equal(File.ReadAllBytes(montageNamed), File.ReadAllBytes(Path.Combine(folder, "montage_2.jpg")));
    }

    [Fact]
    public void Link_modes_make_hard_and_symbolic_links()
    {
        var library = Library();
        var hard = _temp.Combine("hard");
        var symbolic = _temp.Combine("symbolic");
        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", hard, "--link", "hard").ExitCode);
        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", symbolic, "--link", "symbolic").ExitCode);

        var source = library.Faces[0].ImagePath;
        var name = Path.GetFileName(source);
        var hardCopy = Directory.GetFiles(hard, name, SearchOption.AllDirectories).Single();
        var link = new FileInfo(Directory.GetFiles(symbolic, name, SearchOption.AllDirectories).Single());
        Assert.Equal(Path.GetFullPath(source), link.LinkTarget);

        // A hard link is the same file: a change through one name shows through the other.
        // (The test's own generated photo, not a user's.)
        File.AppendAllText(source, "x");
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(hardCopy));
    }

    [Theory]
    [InlineData("--eps", "-1", "--threshold must be a positive number (got -1)")]
    [InlineData("--threshold", "abc", "--threshold must be a positive number (got abc)")]
    [InlineData("--eps", "auto", "--eps auto is no longer offered")]
    [InlineData("--algorithm", "kmeans", "kmeans")]
    [InlineData("--min-samples", "0", "--min-samples must be at least 1")]
    [InlineData("-j", "0", "--jobs must be -1 (all cores) or a positive number")]
    [InlineData("--link", "soft", "soft")]
    [InlineData("-o", "", "-o is an empty path; give one such as results/mine")]
    [InlineData("--people", "", "--people is an empty path")]
    [InlineData("--curation", "", "--curation is an empty path")]
    [InlineData("--truth", "", "--truth is an empty path")]
    [InlineData("-e", "", "-e is an empty path")]
    public void Unusable_arguments_exit_2_with_a_clear_message(string option, string value, string expected)
    {
        var result = ClusterCommand.InProcess("-e", _temp.Combine("e.msgpack"), option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Contains("Run 'cluster --help'", result.Stderr);
    }

    [Theory]
    [InlineData(new[] { "--jobs", "abc" }, "cluster: --jobs expects a whole number (got 'abc')")]
    [InlineData(new[] { "--min-sampels", "3" }, "cluster: unknown option '--min-sampels'; did you mean '--min-samples'?")]
    [InlineData(new[] { "--thresold", "0.5" }, "cluster: unknown option '--thresold'; did you mean '--threshold'?")]
    [InlineData(new[] { "stray" }, "cluster: unexpected argument 'stray' (options start with - or --)")]
    [InlineData(new[] { "--zzzzzzzzzzzz" }, "cluster: unknown option '--zzzzzzzzzzzz'")]
    public void Parse_errors_are_one_plain_line_each(string[] args, string expected)
    {
        var result = ClusterCommand.InProcess(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal([expected, "Run 'cluster --help' for the options."], result.Stderr.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Help_describes_every_option()
    {
        var help = ClusterCommand.InProcess("--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "-e, --encodings", "-j, --jobs", "-o, --output", "--eps, --threshold", "--algorithm", "average-linkage", "--min-samples", "--overwrite", "--link", "--no-images" })
            Assert.Contains(option, help.Stdout);
        Assert.Contains("encodings/encodings.msgpack", help.Stdout);
    }

    [Fact]
    public void The_executable_uses_the_default_paths_and_a_corrupt_file_gives_one_line_and_exit_2()
    {
        var library = Library(relative: true);
        var ok = ClusterCommand.AsProcess(_temp.Path);
        Assert.Equal(0, ok.ExitCode);
        Assert.StartsWith($"21 faces: 3 people in 2 or more photos (19 faces), 2 faces of people seen once -> {Path.Combine("results", "default_result")} (4 montages", ok.Stdout.Trim());
        Assert.True(File.Exists(_temp.Combine("results", "default_result", "person-1", "montage.jpg")));
        Assert.True(File.Exists(_temp.Combine("encodings", "people.json"))); // beside the encodings file

        var bytes = File.ReadAllBytes(_temp.Combine(library.EncodingsPath));
        File.WriteAllBytes(_temp.Combine(library.EncodingsPath), bytes[..^300]);
        var bad = ClusterCommand.AsProcess(_temp.Path, "-o", "results/second");
        Assert.Equal(2, bad.ExitCode);
        var line = Assert.Single(bad.Stderr.Trim().Split('\n'));
        Assert.StartsWith($"cluster: encodings file '{library.EncodingsPath}': record 21: the file ends in the middle of it", line);
        Assert.False(Directory.Exists(_temp.Combine("results", "second")));
    }

    private static List<(string Path, FaceBox Box, int Cluster, int? Person)> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.Equal("imagePath,top,right,bottom,left,cluster,person,name", lines[0]);
        return lines.Skip(1).Select(line =>
        {
            var f = line.Split(',');
            int I(int k) => int.Parse(f[k], CultureInfo.InvariantCulture);
            return (f[0], new FaceBox(I(1), I(2), I(3), I(4)), I(5), f[6].Length == 0 ? (int?)null : I(6));
        }).ToList();
    }
}
