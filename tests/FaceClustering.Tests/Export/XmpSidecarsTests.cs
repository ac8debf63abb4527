using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace FaceClustering.Tests.Export;

/// <summary>--xmp sidecars, read back by a real XMP reader (exiftool).</summary>
public class XmpSidecarsTests : IDisposable
{
    private const string ExifTool = "/usr/bin/exiftool";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Sidecars_carry_every_face_region_and_name_and_exiftool_reads_them()
    {
        Assert.SkipUnless(File.Exists(ExifTool), "exiftool is not installed (apt-get install libimage-exiftool-perl): the sidecars were not read back");
        var library = PhotoLibrary.Create(_temp.Path, people: [3, 3], strangers: 1, groupPhotos: 1);
        var encodings = Path.GetDirectoryName(library.EncodingsPath)!;
        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", _temp.Combine("first"), "--no-images").ExitCode);
        File.WriteAllText(Path.Combine(encodings, "curation.txt"), "name 1 Alice & Co\n");
        var results = _temp.Combine("results");
        var run = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", results, "--xmp");
        Assert.Equal(0, run.ExitCode);

        var group = library.Faces[^1].ImagePath; // a face of person 0 (left) and one of person 1 (right)
        var sidecar = Path.Combine(results, "xmp", Path.GetFileName(group) + ".xmp"); // mirrors photos/, the photos' folder
        var read = Read(sidecar);
        Assert.Equal(["Alice & Co"], Names(read)); // person 2 has no name: its region has none
        Assert.Equal(["Face", "Face"], Strings(read, "RegionType"));
        Assert.Equal(320, read.GetProperty("RegionAppliedToDimensionsW").GetInt32());
        Assert.Equal(240, read.GetProperty("RegionAppliedToDimensionsH").GetInt32());
        // The left face's box (30..120 by 40..140 in a 320x240 photo): centre and size as fractions.
        var x = Numbers(read, "RegionAreaX");
        var w = Numbers(read, "RegionAreaW");
        Assert.Equal(75.0 / 320, x[0], 4);
        Assert.Equal(90.0 / 320, w[0], 4);
        Assert.Equal(250.0 / 320, x[1], 4);
        // Every photo of a person has one; the stranger's (nobody's) has none; the photos are untouched.
        var photos = library.Faces.Where((_, i) => library.Persons[i] >= 0).Select(f => Path.GetFileName(f.ImagePath)).Distinct().ToList();
        Assert.Equal(photos.Order(StringComparer.Ordinal), Directory.GetFiles(Path.Combine(results, "xmp")).Select(f => Path.GetFileName(f)[..^4]).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.Combine(library.Root, "photos"), "*.xmp"));
    }

    [Fact]
    public void Beside_the_photos_a_sidecar_another_program_wrote_is_left_as_it_is()
    {
        var library = PhotoLibrary.Create(_temp.Path, people: [3], strangers: 0, groupPhotos: 0);
        var photos = library.PhotoPaths.ToList();
        var theirs = photos[0] + ".xmp";
        File.WriteAllText(theirs, "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" x:xmptk=\"digiKam\"/>");
        var run = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", _temp.Combine("r1"), "--xmp-beside-photos", "--no-images");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"1 sidecar(s) already beside the photos were left as they are (not merged): '{theirs}'", run.Stderr);
        Assert.Equal("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" x:xmptk=\"digiKam\"/>", File.ReadAllText(theirs));
        Assert.All(photos.Skip(1), p => Assert.Contains("mwg-rs:Regions", File.ReadAllText(p + ".xmp")));
        // Its own sidecars, from the run before, it replaces without a word.
        var again = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", _temp.Combine("r2"), "--xmp-beside-photos", "--no-images");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("1 sidecar(s) already beside the photos", again.Stderr);
        Assert.DoesNotContain("2 sidecar(s)", again.Stderr);
    }

    private static JsonElement Read(string sidecar)
    {
        var start = new ProcessStartInfo(ExifTool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-j", "-n", "-RegionName", "-RegionType", "-RegionAreaX", "-RegionAreaY", "-RegionAreaW", "-RegionAreaH",
                     "-RegionAppliedToDimensionsW", "-RegionAppliedToDimensionsH", sidecar })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return JsonDocument.Parse(text).RootElement[0].Clone();
    }

    private static List<string> Names(JsonElement read) =>
        read.TryGetProperty("RegionName", out var names) ? Strings(read, "RegionName") : [];

    private static List<string> Strings(JsonElement read, string tag) =>
        read.GetProperty(tag) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Select(e => e.GetString()!).ToList() : [read.GetProperty(tag).GetString()!];

    private static List<double> Numbers(JsonElement read, string tag) =>
        read.GetProperty(tag) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Select(e => e.GetDouble()).ToList() : [read.GetProperty(tag).GetDouble()];
}
