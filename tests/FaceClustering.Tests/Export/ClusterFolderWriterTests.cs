using FaceClustering.Core.Export;

namespace FaceClustering.Tests.Export;

/// <summary>
/// One cluster's folder: each photo once, clashing names numbered (never over the montage), copied or linked as
/// asked, a photo that cannot be placed reported instead of stopping the run, and the montage.
/// </summary>
public sealed class ClusterFolderWriterTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Photo(string relative, byte gray)
    {
        var path = _temp.Combine("photos", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = TestImages.Solid(60, 60, gray);
        TestImages.Write(image, path);
        return path;
    }

    private FaceSet Faces(params string[] photos) => FaceSet.FromRecords(EncodingsHeader.Create("m", "d"),
        photos.Select((p, i) => new FaceRecord(p, new FaceBox(10, 50 - i, 50, 10), new float[FaceRecord.EncodingLength])));

    [Fact]
    public void Each_photo_is_placed_once_under_a_name_of_its_own_with_the_montage()
    {
        var a = Photo("2019/x.jpg", 10);
        var b = Photo("2020/X.JPG", 20);
        var m = Photo("montage.jpg", 30);
        var faces = Faces(a, a, b, m); // two faces of a
        var writer = new ClusterFolderWriter(faces, LinkMode.Copy, new MontageBuilder(), 1, ClusterNames.Numbered);
        var results = _temp.Combine("results");
        writer.Write(results, 0, [0, 1, 2, 3]);

        var folder = Path.Combine(results, "label0");
        Assert.Equal(["X_2.JPG", "montage.jpg", "montage_2.jpg", "x.jpg"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(b), File.ReadAllBytes(Path.Combine(folder, "X_2.JPG")));
        Assert.Equal(File.ReadAllBytes(m), File.ReadAllBytes(Path.Combine(folder, "montage_2.jpg")));
        using var montage = PhotoReader.TryRead(Path.Combine(folder, "montage.jpg"));
        Assert.NotNull(montage);
        Assert.Equal((480, 480), (montage!.Width, montage.Height));
        Assert.Empty(writer.Unplaced);
    }

    [Fact]
    public void Links_are_made_as_asked()
    {
        var a = Photo("a.jpg", 10);
        var faces = Faces(a);
        var results = _temp.Combine("results");
        new ClusterFolderWriter(faces, LinkMode.Symbolic, new MontageBuilder(), 1, ClusterNames.Numbered).Write(results, 0, [0]);
        Assert.Equal(Path.GetFullPath(a), new FileInfo(Path.Combine(results, "label0", "a.jpg")).LinkTarget);

        var hard = new ClusterFolderWriter(faces, LinkMode.Hard, new MontageBuilder(), 1, ClusterNames.Numbered);
        hard.Write(results, 1, [0]);
        File.AppendAllText(Path.Combine(results, "label1", "a.jpg"), "!");
        Assert.EndsWith("!", File.ReadAllText(a)); // the same file
        Assert.False(hard.HardLinkFellBack);
    }

    [Fact]
    public void A_photo_gone_meanwhile_is_reported_and_the_rest_placed()
    {
        var a = Photo("a.jpg", 10);
        var gone = Photo("b.jpg", 20);
        var faces = Faces(gone, a);
        File.Delete(gone);
        var writer = new ClusterFolderWriter(faces, LinkMode.Copy, new MontageBuilder(), 1, ClusterNames.Numbered);
        writer.Write(_temp.Combine("results"), 0, [0, 1]);
        Assert.Contains($"'{gone}'", Assert.Single(writer.Unplaced));
        Assert.True(File.Exists(_temp.Combine("results", "label0", "a.jpg")));
        Assert.True(File.Exists(_temp.Combine("results", "label0", "montage.jpg")));
    }
}
