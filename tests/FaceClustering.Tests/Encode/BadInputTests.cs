using System.Diagnostics;

namespace FaceClustering.Tests.Encode;

/// <summary>
/// A corpus of bad and awkward files, made by the test: each bad file is reported once with its reason and
/// counted, every good photo is still encoded, and the exit code says "finished, with skipped files".
/// </summary>
[Collection(nameof(ModelsCollection))]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix file modes, bash and non-UTF-8 names
public class BadInputTests(ModelsFixture models, ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories))
            try { File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _temp.Dispose();
    }

    [Fact]
    public void Every_bad_file_is_reported_once_and_every_good_photo_is_encoded()
    {
        models.SkipIfMissing();
        Assert.SkipWhen(OperatingSystem.IsWindows(), "this corpus uses Unix file modes and names");
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        var d = _temp.Combine("photos");
        Directory.CreateDirectory(Path.Combine(d, "deep"));
        using var face = PhotoReader.TryRead(Path.Combine(dev!, "images", "lionel_messi", "00000026.jpg"))!;

        // Good, if awkward: grayscale, alpha, 16-bit, PNG under a .jpg name, CMYK (when ImageMagick can make one),
        // a very long name, and a folder reached through a symbolic link loop.
        File.WriteAllBytes(Path.Combine(d, "gray.png"), TestImages.GrayPng(face));
        File.WriteAllBytes(Path.Combine(d, "alpha.png"), TestImages.PngWithAlpha(face, 255));
        File.WriteAllBytes(Path.Combine(d, "deep", "sixteen-bit.png"), TestImages.SixteenBitPng(face));
        TestImages.Write(face, Path.Combine(d, "png.png"));
        File.Move(Path.Combine(d, "png.png"), Path.Combine(d, "really-a-png.jpg"));
        var longName = new string('n', 240) + ".jpg";
        TestImages.Write(face, Path.Combine(d, longName));
        File.CreateSymbolicLink(Path.Combine(d, "deep", "loop"), d); // deep/loop -> photos: a cycle
        var good = 5;
        if (File.Exists("/usr/bin/convert"))
        {
            TestImages.Write(face, _temp.Combine("rgb.jpg"));
            using var p = Process.Start("/usr/bin/convert", [_temp.Combine("rgb.jpg"), "-colorspace", "CMYK", Path.Combine(d, "cmyk.jpg")]);
            p.WaitForExit();
            good++;
        }

        // Bad: empty, truncated, text, a header claiming 30000x30000, unreadable, and a name that is not UTF-8.
        File.WriteAllBytes(Path.Combine(d, "empty.jpg"), []);
        var jpeg = TestImages.Jpeg(face);
        File.WriteAllBytes(Path.Combine(d, "truncated.jpg"), jpeg[..(jpeg.Length / 3)]);
        File.WriteAllText(Path.Combine(d, "text.jpg"), "this is not a photo");
        File.WriteAllBytes(Path.Combine(d, "huge.png"), HugePngHeader(30000, 30000));
        var locked = Path.Combine(d, "locked.jpg");
        File.WriteAllBytes(locked, jpeg);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        var lockedIsBad = !CanRead(locked); // root reads anything: then it is a good photo
        if (!lockedIsBad) good++;
        using (var p = Process.Start("/bin/bash", ["-c", $"cp '{Path.Combine(d, "gray.png")}' \"$(printf '{d}/bad-\\xff\\xfe.png')\""]))
            p.WaitForExit();

        var encodings = _temp.Combine("e.msgpack");
        var result = EncodeCommand.InProcess("-i", d, "-e", encodings, "--models", models.Store.Folder, "-j", "2");
        output.WriteLine(result.Stdout + result.Stderr);

        Assert.Equal(3, result.ExitCode);
        string[] bad = ["empty.jpg", "truncated.jpg", "text.jpg", "huge.png", .. lockedIsBad ? new[] { "locked.jpg" } : []];
        foreach (var name in bad)
            Assert.Single(result.Stderr.Split('\n'), l => l.Contains($"skipped '{Path.Combine(d, name)}'"));
        Assert.Contains("huge.png': too large to decode (30000x30000 pixels", result.Stderr);
        Assert.Single(result.Stderr.Split('\n'), l => l.Contains("skipped '") && l.Contains("bad-") && l.Contains("not valid UTF-8"));
        var skipped = bad.Length + 1; // and the non-UTF-8 name
        Assert.Matches($@"^{good} images, \d+ faces, 0 images without a face, {skipped} files skipped", result.Stdout);

        var photos = FaceSet.Load(encodings).ImagePaths.Distinct().ToList();
        Assert.Equal(good, photos.Count); // every good photo once, the loop did not repeat any
        Assert.Contains(Path.Combine(d, longName), photos);
        Assert.Contains(Path.Combine(d, "deep", "sixteen-bit.png"), photos);
    }

    [Fact]
    public void An_empty_dataset_folder_exits_2()
    {
        Directory.CreateDirectory(_temp.Combine("empty"));
        var result = EncodeCommand.InProcess("-i", _temp.Combine("empty"), "-e", _temp.Combine("e.msgpack"), "--models", models.Store.Folder);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("holds no photos", result.Stderr);
        Assert.False(File.Exists(_temp.Combine("e.msgpack")));
    }

    private static bool CanRead(string path)
    {
        try { using var _ = File.OpenRead(path); return true; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>A PNG signature and IHDR claiming the given size, and nothing else.</summary>
    private static byte[] HugePngHeader(int width, int height)
    {
        byte[] ihdr = [0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R',
            (byte)(width >> 24), (byte)(width >> 16), (byte)(width >> 8), (byte)width,
            (byte)(height >> 24), (byte)(height >> 16), (byte)(height >> 8), (byte)height, 8, 2, 0, 0, 0, 0, 0, 0, 0];
        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. ihdr];
    }
}
