namespace FaceClustering.Tests.Encode;

/// <summary>The encode command on photos the test makes or finds in ../shared, checking files, summary and exit codes.</summary>
[Collection(nameof(ModelsCollection))]
public class EncodeCliTests(ModelsFixture models) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string[] Common(params string[] args) => [.. args, "--models", models.Store.Folder, "-j", "2"];

    [Fact]
    public void Photos_are_encoded_bad_files_are_reported_and_the_run_goes_on()
    {
        models.SkipIfMissing();
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        var dataset = _temp.Combine("photos");
        Directory.CreateDirectory(Path.Combine(dataset, "sub"));
        // Real faces read in place are copied only into this test's temp folder (never into the repository).
        File.Copy(Path.Combine(dev!, "images", "lionel_messi", "00000026.jpg"), Path.Combine(dataset, "messi.jpg"));
        File.Copy(Path.Combine(dev!, "images", "neymar", "00000099.jpg"), Path.Combine(dataset, "sub", "png-named.jpg"));
        File.WriteAllText(Path.Combine(dataset, "notes.jpg"), "not an image");
        File.WriteAllBytes(Path.Combine(dataset, "empty.png"), []);
        File.WriteAllText(Path.Combine(dataset, "readme.txt"), "ignored: not an image extension");
        using (var blank = TestImages.Solid(300, 200, 90)) TestImages.Write(blank, Path.Combine(dataset, "blank.png"));
        var encodings = _temp.Combine("e.msgpack");

        var result = EncodeCommand.InProcess(Common("-i", dataset, "-e", encodings));

        Assert.Equal(3, result.ExitCode); // finished, with skipped files
        Assert.Contains($"skipped '{Path.Combine(dataset, "empty.png")}': empty file", result.Stderr);
        Assert.Contains($"skipped '{Path.Combine(dataset, "notes.jpg")}': not an image that can be decoded", result.Stderr);
        Assert.Matches(@"^3 images, [1-9]\d* faces?, 1 image without a face, 2 files skipped; [\d.]+ images/s, [\d.]+ faces/s -> ", result.Stdout);

        using var reader = EncodingsReader.Open(encodings);
        Assert.Equal("cnn", reader.Header.Detector);
        var records = reader.ReadAll().ToList();
        Assert.Contains(records, r => r.ImagePath == Path.Combine(dataset, "messi.jpg"));
        Assert.Contains(records, r => r.ImagePath == Path.Combine(dataset, "sub", "png-named.jpg")); // PNG under a .jpg name
        Assert.All(records, r => Assert.Equal(128, r.Encoding.Length));
        // Deterministic order: records follow the sorted file list.
        Assert.Equal(records.Select(r => r.ImagePath).Order(StringComparer.Ordinal), records.Select(r => r.ImagePath));
    }

    [Fact]
    public void Output_is_the_same_whatever_the_number_of_workers_and_jitters_stay_close()
    {
        models.SkipIfMissing();
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        var photos = Path.Combine(dev!, "images", "neymar");
        List<FaceRecord> Encode(string name, params string[] extra)
        {
            var path = _temp.Combine(name);
            var result = EncodeCommand.InProcess([.. extra, "-i", photos, "-e", path, "--models", models.Store.Folder]);
            Assert.Equal(0, result.ExitCode);
            using var reader = EncodingsReader.Open(path);
            return reader.ReadAll().ToList();
        }

        var one = Encode("one.msgpack", "-j", "1");
        var two = Encode("two.msgpack", "-j", "2");
        Assert.Equal(one.Count, two.Count);
        Assert.True(one.Count >= 6);
        for (var i = 0; i < one.Count; i++)
        {
            Assert.Equal(one[i].ImagePath, two[i].ImagePath);
            Assert.Equal(one[i].Box, two[i].Box);
            Assert.Equal(one[i].Encoding, two[i].Encoding);
        }

        var jittered = Encode("jitter.msgpack", "-j", "2", "--jitters", "4");
        Assert.Equal(one.Select(r => r.Box), jittered.Select(r => r.Box));
        for (var i = 0; i < one.Count; i++)
        {
            var d = FaceClustering.Testing.Calibration.DlibReferenceSet.Distance(one[i].Encoding, jittered[i].Encoding);
            Assert.InRange(d, 1e-6, 0.2); // averaged over re-sampled chips: different, but the same face
        }
    }

    [Fact]
    public void Unusable_input_exits_2_with_one_line()
    {
        var missing = EncodeCommand.InProcess(Common("-i", _temp.Combine("nowhere"), "-e", _temp.Combine("e.msgpack")));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"dataset folder '{_temp.Combine("nowhere")}' does not exist", missing.Stderr);

        var method = EncodeCommand.InProcess(Common("-d", "magic"));
        Assert.Equal(2, method.ExitCode);
        Assert.Contains("Run 'encode --help'", method.Stderr);

        var jitters = EncodeCommand.InProcess(Common("--jitters", "0"));
        Assert.Equal(2, jitters.ExitCode);
        Assert.Contains("--jitters must be at least 1", jitters.Stderr);
    }

    /// <summary>A folder with a dev group photo of five (five.jpg) and a portrait (messi.jpg); skips without models or dev set.</summary>
    private string GroupPhotoAndPortrait()
    {
        models.SkipIfMissing();
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        var dataset = _temp.Combine("photos");
        Directory.CreateDirectory(dataset);
        File.Copy(Path.Combine(dev!, "images", "_group", "bbt3.jpg"), Path.Combine(dataset, "five.jpg"));
        File.Copy(Path.Combine(dev!, "images", "lionel_messi", "00000026.jpg"), Path.Combine(dataset, "messi.jpg"));
        return dataset;
    }

    [Fact]
    public void Hog_finds_and_encodes_the_faces_and_the_file_says_which_detector()
    {
        var dataset = GroupPhotoAndPortrait();
        var encodings = _temp.Combine("e.msgpack");

        var result = EncodeCommand.InProcess(Common("-i", dataset, "-e", encodings, "-d", "hog"));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("2 images, 6 faces, 0 images without a face", result.Stdout); // dlib's HOG finds these 5 + 1 too
        using var reader = EncodingsReader.Open(encodings);
        Assert.Equal("hog", reader.Header.Detector);
        var faces = reader.ReadAll().ToList();
        Assert.Equal(5, faces.Count(f => f.ImagePath.EndsWith("five.jpg", StringComparison.Ordinal)));
        Assert.All(faces, f => Assert.Equal(128, f.Encoding.Length));
    }

    [Fact]
    public void Precision_float_and_int8_find_the_same_faces_and_others_are_refused()
    {
        var dataset = GroupPhotoAndPortrait();

        var fast = EncodeCommand.InProcess(Common("-i", dataset, "-e", _temp.Combine("int8.msgpack")));
        var exact = EncodeCommand.InProcess(Common("-i", dataset, "-e", _temp.Combine("float.msgpack"), "--precision", "float"));
        Assert.Equal(0, fast.ExitCode);
        Assert.Equal(0, exact.ExitCode);
        Assert.StartsWith("2 images, 6 faces, 0 images without a face", fast.Stdout);
        Assert.StartsWith("2 images, 6 faces, 0 images without a face", exact.Stdout);
        using var a = EncodingsReader.Open(_temp.Combine("int8.msgpack"));
        using var b = EncodingsReader.Open(_temp.Combine("float.msgpack"));
        var floatFaces = b.ReadAll().ToList();
        foreach (var face in a.ReadAll())
        {
            // Each 8-bit face is a float face: its box within a few pixels, its encoding close.
            var twin = floatFaces.OrderBy(f => FaceClustering.Testing.Calibration.DlibReferenceSet.Distance(f.Encoding, face.Encoding)).First();
            Assert.Equal(twin.ImagePath, face.ImagePath);
            Assert.True(FaceClustering.Testing.Calibration.DlibReferenceSet.Distance(twin.Encoding, face.Encoding) < 0.25);
        }

        var bad = EncodeCommand.InProcess(Common("-i", dataset, "-e", _temp.Combine("x.msgpack"), "--precision", "fp16"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("fp16", bad.Stderr);
        Assert.False(File.Exists(_temp.Combine("x.msgpack")));
    }

    [Fact]
    public void Upsample_outside_0_to_3_is_refused_before_any_work()
    {
        Directory.CreateDirectory(_temp.Combine("photos"));
        foreach (var bad in new[] { "-1", "4" })
        {
            var result = EncodeCommand.InProcess(Common("-i", _temp.Combine("photos"), "-e", _temp.Combine("e.msgpack"), "--upsample", bad));
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"--upsample must be between 0 and 3 (got {bad})", result.Stderr);
            Assert.False(File.Exists(_temp.Combine("e.msgpack")));
        }
    }

    [Fact]
    public void Cuda_says_clearly_when_it_is_not_available()
    {
        models.SkipIfMissing();
        Directory.CreateDirectory(_temp.Combine("photos"));
        using (var blank = TestImages.Solid(50, 50, 90)) TestImages.Write(blank, _temp.Combine("photos", "blank.png"));
        var result = EncodeCommand.InProcess(Common("-i", _temp.Combine("photos"), "-e", _temp.Combine("e.msgpack"), "--device", "cuda"));
        Assert.SkipWhen(result.ExitCode == 0, "a CUDA execution provider is available on this machine");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("encode: --device cuda: ", result.Stderr);
        Assert.Contains("or run with --device cpu", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }
}

/// <summary>Changes PATH, which is process-wide: runs alone.</summary>
[CollectionDefinition(nameof(EncodeWithoutNpmTests), DisableParallelization = true)]
public class EncodeWithoutNpmCollection;

[Collection(nameof(EncodeWithoutNpmTests))]
public class EncodeWithoutNpmTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Missing_models_without_npm_say_what_to_do()
    {
        var emptyModels = _temp.Combine("models");
        Directory.CreateDirectory(emptyModels);
        Directory.CreateDirectory(_temp.Combine("photos"));
        var oldPath = Environment.GetEnvironmentVariable("PATH");
        try
        {
            Environment.SetEnvironmentVariable("PATH", _temp.Path); // no npm here
            var result = EncodeCommand.InProcess("-i", _temp.Combine("photos"), "-e", _temp.Combine("e.msgpack"), "--models", emptyModels);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("npm is not installed", result.Stderr);
            Assert.Contains("--models DIR", result.Stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", oldPath);
        }
    }
}
