using System.Diagnostics;
using System.Security.Cryptography;

namespace FaceClustering.Tests.Cluster;

/// <summary>
/// An encodings file may come from elsewhere: cluster reads, copies or links only regular files under the dataset
/// folder the encodings record, reports the rest once with the reason, and never opens a FIFO or a device.
/// </summary>
public sealed class PhotoAccessTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (string Encodings, string Decoy) Library(bool withFifo)
    {
        var random = new Random(11);
        var center = SyntheticFaceLibrary.Identity(random);
        var dataset = _temp.Combine("ds");
        Directory.CreateDirectory(dataset);
        var faces = new List<FaceRecord>();
        var box = new FaceBox(10, 90, 90, 10);
        for (var i = 0; i < 3; i++)
        {
            var photo = Path.Combine(dataset, $"p{i}.jpg");
            using (var image = TestImages.Solid(100, 100, (byte)(60 + 40 * i))) TestImages.Write(image, photo);
            faces.Add(new FaceRecord(photo, box, SyntheticFaceLibrary.Near(random, center)));
        }
        var decoy = _temp.Combine("decoy", "secret.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(decoy)!);
        using (var image = TestImages.Solid(100, 100, 30)) TestImages.Write(image, decoy);
        // Outside the dataset: an absolute path, a path that climbs out with "..", a system file.
        faces.Add(new FaceRecord(decoy, box, SyntheticFaceLibrary.Near(random, center)));
        faces.Add(new FaceRecord(Path.Combine(dataset, "..", "decoy", "secret.jpg"), box, SyntheticFaceLibrary.Near(random, center)));
        faces.Add(new FaceRecord("/etc/passwd", box, SyntheticFaceLibrary.Near(random, center)));
        if (withFifo)
        {
            var fifo = Path.Combine(dataset, "fifo.jpg");
            using (var mkfifo = Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
            faces.Add(new FaceRecord(fifo, box, SyntheticFaceLibrary.Near(random, center)));
        }
        var encodings = _temp.Combine("e.msgpack");
        EncodingsWriter.WriteAll(encodings, EncodingsHeader.Create("m", "t", dataset), faces);
        return (encodings, decoy);
    }

    private static Task<CommandResult> Cluster(params string[] args)
    {
        // A FIFO opened for reading blocks until a writer comes: a run that opened one would never return (a TimeoutException).
        var cancel = TestContext.Current.CancellationToken;
        return Task.Run(() => ClusterCommand.InProcess(args), cancel).WaitAsync(TimeSpan.FromSeconds(120), cancel);
    }

    [Fact]
    public async Task Only_regular_files_under_the_dataset_folder_are_copied_or_linked_and_the_rest_are_reported_once()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "FIFOs and /etc/passwd are Linux's");
        var (encodings, decoy) = Library(withFifo: true);
        var decoyHash = SHA256.HashData(File.ReadAllBytes(decoy));
        foreach (var link in new[] { "copy", "hard", "symbolic" })
        {
            var output = _temp.Combine($"out-{link}");
            var result = await Cluster("-e", encodings, "-o", output, "--link", link, "--no-people");
            Assert.Equal(3, result.ExitCode); // photos were skipped
            var lines = result.Stderr.Trim().Split('\n');
            Assert.Contains(lines, l => l.StartsWith("cluster: 3 photo(s) named in the encodings were not read, copied or linked: outside the dataset folder", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("cluster: 1 photo(s) named in the encodings were not read, copied or linked: not a regular file", StringComparison.Ordinal)
                                        && l.Contains("fifo.jpg"));
            Assert.Contains(lines, l => l.Contains("--allow-outside-dataset"));
            var placed = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
            Assert.DoesNotContain("passwd", placed);
            Assert.DoesNotContain("secret.jpg", placed);
            Assert.DoesNotContain("fifo.jpg", placed);
            Assert.Equal(3, placed.Count(p => p!.StartsWith('p') && p.EndsWith(".jpg")));
            Assert.Contains("montage.jpg", placed);
        }
        Assert.Equal(decoyHash, SHA256.HashData(File.ReadAllBytes(decoy)));
    }

    [Fact]
    public async Task With_allow_outside_dataset_photos_are_placed_wherever_they_are_but_never_a_fifo()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "FIFOs are Linux's");
        var (encodings, _) = Library(withFifo: true);
        var output = _temp.Combine("out");
        var result = await Cluster("-e", encodings, "-o", output, "--no-people", "--allow-outside-dataset");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("1 photo(s) named in the encodings were not read, copied or linked: not a regular file", result.Stderr);
        Assert.DoesNotContain("outside the dataset folder", result.Stderr);
        var placed = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.Contains("secret.jpg", placed);
        Assert.DoesNotContain("fifo.jpg", placed);
    }

    [Fact]
    public async Task Encodings_that_record_no_dataset_folder_are_placed_only_when_allowed()
    {
        var random = new Random(5);
        var center = SyntheticFaceLibrary.Identity(random);
        var faces = new List<FaceRecord>();
        for (var i = 0; i < 2; i++)
        {
            var photo = _temp.Combine("ds", $"p{i}.jpg");
            Directory.CreateDirectory(Path.GetDirectoryName(photo)!);
            using (var image = TestImages.Solid(100, 100, 90)) TestImages.Write(image, photo);
            faces.Add(new FaceRecord(photo, new FaceBox(10, 90, 90, 10), SyntheticFaceLibrary.Near(random, center)));
        }
        var encodings = _temp.Combine("old.msgpack");
        EncodingsWriter.WriteAll(encodings, EncodingsHeader.Create("m", "t"), faces); // as an older encode wrote it

        var refused = await Cluster("-e", encodings, "-o", _temp.Combine("a"), "--no-people");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("2 photo(s) named in the encodings were not read, copied or linked: its encodings file records no dataset folder", refused.Stderr);
        var allowed = await Cluster("-e", encodings, "-o", _temp.Combine("b"), "--no-people", "--allow-outside-dataset");
        Assert.Equal(0, allowed.ExitCode);
        Assert.True(File.Exists(_temp.Combine("b", "person-1", "p0.jpg")) || File.Exists(_temp.Combine("b", "label0", "p0.jpg")),
            string.Join(", ", Directory.EnumerateFileSystemEntries(_temp.Combine("b")).Select(Path.GetFileName)));
    }
}
