using FaceClustering.Core.Encode;

namespace FaceClustering.Tests.Encode;

public sealed class DatasetScannerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Photo(params string[] parts)
    {
        var path = _temp.Combine(parts);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0xFF, 0xD8, 0xFF]);
        return path;
    }

    [Fact]
    public void Each_real_folder_and_photo_is_listed_once_however_many_links_lead_to_it()
    {
        var dataset = _temp.Combine("ds");
        var a = Photo("ds", "a.jpg");
        var b = Photo("ds", "sub", "b.jpg");
        Directory.CreateSymbolicLink(_temp.Combine("ds", "sub", "loop"), dataset);   // a link to a grandparent
        Directory.CreateSymbolicLink(_temp.Combine("ds", "again"), _temp.Combine("ds", "sub"));
        File.CreateSymbolicLink(_temp.Combine("ds", "alias.jpg"), a);                // a second name for one photo
        var listed = DatasetScanner.List(dataset);
        Assert.Equal(2, listed.Count);
        Assert.Contains(b, listed.Concat(listed.Select(p => p.Replace(Path.Combine("ds", "again"), Path.Combine("ds", "sub")))));
        Assert.Single(listed, p => p.EndsWith("a.jpg", StringComparison.Ordinal) || p.EndsWith("alias.jpg", StringComparison.Ordinal));
    }

    [Fact]
    public void A_results_folder_inside_the_dataset_is_never_scanned()
    {
        var dataset = _temp.Combine("ds");
        var photo = Photo("ds", "a.jpg");
        Photo("ds", "results", "person-1", "a.jpg");
        Photo("ds", "results", "person-1", "montage.jpg");
        File.WriteAllText(_temp.Combine("ds", "results", ResultsMarker.FileName), "");
        Assert.Equal([photo], DatasetScanner.List(dataset));
    }

    [Fact]
    public void The_common_folder_of_given_photos_is_the_deepest_that_holds_them_all()
    {
        Assert.Equal(_temp.Combine("x", "y"), DatasetScanner.CommonFolder([_temp.Combine("x", "y", "a.jpg"), _temp.Combine("x", "y", "z", "b.jpg")]));
        Assert.Equal(_temp.Combine("x"), DatasetScanner.CommonFolder([_temp.Combine("x", "y", "a.jpg"), _temp.Combine("x", "yy", "b.jpg")]));
        Assert.Null(DatasetScanner.CommonFolder([]));
    }
}
