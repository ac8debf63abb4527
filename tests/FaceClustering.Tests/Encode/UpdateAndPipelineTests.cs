using System.Text.Json;
using FaceClustering.Core.Encode;
using FaceClustering.Encode;

namespace FaceClustering.Tests.Encode;

/// <summary>encode --update, resuming an interrupted run, photo paths from stdin, and assignments on stdout.</summary>
[Collection(nameof(ModelsCollection))]
public class UpdateAndPipelineTests(ModelsFixture models, ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Dataset(params string[] people)
    {
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        var dataset = _temp.Combine("dataset");
        foreach (var person in people)
        {
            Directory.CreateDirectory(Path.Combine(dataset, person));
            foreach (var file in Directory.GetFiles(Path.Combine(dev!, "images", person)))
                File.Copy(file, Path.Combine(dataset, person, Path.GetFileName(file)));
        }
        return dataset;
    }

    private CommandResult Encode(params string[] args) =>
        EncodeCommand.InProcess([.. args, "--models", models.Store.Folder, "-j", "2"]);

    [Fact]
    public void Update_encodes_only_new_and_changed_photos_and_drops_deleted_ones()
    {
        models.SkipIfMissing();
        var dataset = Dataset("neymar", "amy");
        var encodings = _temp.Combine("e.msgpack");
        Assert.Equal(0, Encode("-i", dataset, "-e", encodings).ExitCode);
        var first = FaceSet.Load(encodings);

        // One photo new, one changed (touched: same bytes, new time), one deleted.
        File.Copy(Path.Combine(Repository.DevDataset!, "images", "raj", "raj1.png"), Path.Combine(dataset, "raj1.png"));
        File.SetLastWriteTimeUtc(Path.Combine(dataset, "amy", "amy2.png"), DateTime.UtcNow.AddMinutes(1));
        File.Delete(Path.Combine(dataset, "neymar", "00000100.jpg"));

        var update = Encode("-i", dataset, "-e", encodings, "--update");
        output.WriteLine(update.Stdout + update.Stderr);
        Assert.Equal(0, update.ExitCode);
        Assert.Contains("2 encoded, 9 unchanged, 1 removed", update.Stdout);

        var second = FaceSet.Load(encodings);
        var paths = second.ImagePaths.Distinct().ToList();
        Assert.Contains(Path.Combine(dataset, "raj1.png"), paths);
        Assert.DoesNotContain(Path.Combine(dataset, "neymar", "00000100.jpg"), paths);
        // Unchanged photos keep exactly their encodings.
        var kept = Path.Combine(dataset, "neymar", "00000101.jpg");
        Assert.Equal(first.Vector(first.ImagePaths.ToList().IndexOf(kept)).ToArray(), second.Vector(second.ImagePaths.ToList().IndexOf(kept)).ToArray());
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths); // still in a stable order

        var again = Encode("-i", dataset, "-e", encodings, "--update");
        Assert.Contains("0 encoded, 11 unchanged, 0 removed", again.Stdout);
    }

    [Fact]
    public void Update_refuses_encodings_of_another_detector()
    {
        models.SkipIfMissing();
        var dataset = Dataset("amy");
        var encodings = _temp.Combine("e.msgpack");
        EncodingsWriter.WriteAll(encodings, EncodingsHeader.Create(FaceClustering.Core.Encode.FaceEngine.ModelId, "hog"), []);
        var result = Encode("-i", dataset, "-e", encodings, "--update");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("was made with model", result.Stderr);
        Assert.Contains("detector 'hog'", result.Stderr);
    }

    [Fact]
    public void Update_refuses_other_settings_and_the_file_records_its_settings_and_dataset_folder()
    {
        models.SkipIfMissing();
        var dataset = Dataset("amy");
        var encodings = _temp.Combine("e.msgpack");
        var first = Encode("-i", dataset, "-e", encodings, "-d", "hog");
        Assert.Equal(0, first.ExitCode);
        using (var reader = EncodingsReader.Open(encodings))
        {
            Assert.Equal(new EncodeSettings(1, 1, "none"), reader.Header.Settings);
            Assert.Equal(Path.GetFullPath(dataset), reader.Header.DatasetRoot);
        }
        var before = File.ReadAllBytes(encodings);
        var other = Encode("-i", dataset, "-e", encodings, "-d", "hog", "--update", "--upsample", "2");
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("was made with upsample 1, jitters 1, precision none, this run asks for upsample 2, jitters 1, precision none", other.Stderr);
        Assert.Contains("run without --update, or write to another file with -e", other.Stderr);
        Assert.Equal(before, File.ReadAllBytes(encodings));
        Assert.Equal(0, Encode("-i", dataset, "-e", encodings, "-d", "hog", "--update").ExitCode);
    }

    [Fact]
    public void An_interrupted_run_leaves_the_old_file_and_update_continues_where_it_stopped()
    {
        models.SkipIfMissing();
        var dataset = Dataset("neymar", "lionel_messi");
        var encodings = _temp.Combine("e.msgpack");
        EncodingsWriter.WriteAll(encodings, EncodingsHeader.Create(FaceClustering.Core.Encode.FaceEngine.ModelId, "cnn"), []);
        var before = File.ReadAllBytes(encodings);

        using var stop = new CancellationTokenSource();
        var options = new EncodeOptions { Dataset = dataset, EncodingsPath = encodings, ModelsFolder = models.Store.Folder, Jobs = 1 };
        var progress = new StopAfter(5, stop);
        Assert.ThrowsAny<OperationCanceledException>(() => EncodeRun.Execute(options, null, progress, stop.Token));
        Assert.Equal(before, File.ReadAllBytes(encodings)); // the previous file is untouched and valid
        Assert.True(File.Exists(encodings + ".journal"));

        var log = new List<string>();
        var summary = EncodeRun.Execute(options with { Update = true }, log.Add, cancel: TestContext.Current.CancellationToken);
        var resumed = log.Single(l => l.StartsWith("continuing an interrupted run", StringComparison.Ordinal));
        var doneBefore = int.Parse(resumed.Split(':')[1].Trim().Split(' ')[0]);
        Assert.InRange(doneBefore, 5, 8);
        Assert.Equal(12 - doneBefore, summary.Encoded);
        Assert.Equal(12, summary.Images);
        Assert.False(File.Exists(encodings + ".journal"));
        Assert.Equal(12, FaceSet.Load(encodings).ImagePaths.Distinct().Count());
    }

    private sealed class StopAfter(int photos, CancellationTokenSource stop) : IProgress<EncodeProgress>
    {
        public void Report(EncodeProgress value)
        {
            if (value.Done >= photos) stop.Cancel();
        }
    }

    [Fact]
    public void One_photo_given_twice_under_two_spellings_is_encoded_once()
    {
        models.SkipIfMissing();
        var photo = Directory.GetFiles(Dataset("amy"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var twice = Path.Combine(Path.GetDirectoryName(photo)!, ".", Path.GetFileName(photo));
        var stdout = new StringWriter();
        var code = EncodeCli.Run(["-i", "-", "-e", _temp.Combine("e.msgpack"), "--models", models.Store.Folder, "-d", "hog", "--quiet"],
            new StringReader($"{photo}\n{twice}\n"), stdout, new StringWriter(), interactive: false, TestContext.Current.CancellationToken);
        Assert.Equal(0, code);
        Assert.StartsWith("1 image,", stdout.ToString());
    }

    [Fact]
    public void Nul_separated_paths_without_dash_0_are_refused_with_the_hint()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = EncodeCli.Run(["-i", "-", "-e", _temp.Combine("e.msgpack")], new StringReader("a.jpg\0b.jpg\0"), stdout, stderr,
            interactive: false, TestContext.Current.CancellationToken);
        Assert.Equal(2, code);
        Assert.Equal("encode: standard input holds NUL characters: paths separated by NUL (find -print0) need -0", stderr.ToString().Trim());
        Assert.False(File.Exists(_temp.Combine("e.msgpack")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Photo_paths_can_come_from_stdin(bool nulSeparated)
    {
        models.SkipIfMissing();
        var dataset = Dataset("amy");
        var chosen = Directory.GetFiles(Path.Combine(dataset, "amy")).Order().Take(2).ToList();
        var stdin = new StringReader(nulSeparated ? string.Join('\0', chosen) + "\0" : string.Join('\n', chosen) + "\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var encodings = _temp.Combine("e.msgpack");
        string[] args = ["-i", "-", "-e", encodings, "--models", models.Store.Folder, .. nulSeparated ? new[] { "-0" } : []];
        var code = EncodeCli.Run(args, stdin, stdout, stderr, interactive: false, CancellationToken.None);
        Assert.Equal(0, code);
        Assert.Equal(chosen, FaceSet.Load(encodings).ImagePaths.Distinct());
    }

    [Fact]
    public void Cluster_prints_assignments_as_csv_or_json_and_keeps_the_summary_off_stdout()
    {
        var library = PhotoLibrary.Create(_temp.Path, people: [6, 5], strangers: 1, groupPhotos: 0);
        var csv = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", _temp.Combine("a"), "--format", "csv", "--eps", "0.5");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("imagePath,top,right,bottom,left,cluster,person,name", lines[0]);
        Assert.Equal(13, lines.Length); // header and 12 faces
        Assert.Equal(File.ReadAllText(_temp.Combine("a", "clusters.csv")), csv.Stdout);
        Assert.StartsWith("cluster: people: 2 new people\n12 faces: 2 people in 2 or more photos (11 faces), 1 face of people seen once", csv.Stderr);

        var json = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", _temp.Combine("b"), "--format", "json", "--no-images");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(12, doc.RootElement.GetArrayLength());
        var first = doc.RootElement[0];
        Assert.Equal(library.Faces[0].ImagePath, first.GetProperty("imagePath").GetString());
        Assert.Equal(4, first.GetProperty("loc").GetArrayLength());
        Assert.True(first.GetProperty("cluster").GetInt32() >= 0);
        Assert.True(first.GetProperty("person").GetInt32() >= 1);
    }
}
