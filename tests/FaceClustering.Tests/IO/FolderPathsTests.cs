using FaceClustering.Core.IO;

namespace FaceClustering.Tests.IO;

/// <summary>Whether a path lies in a folder, by whole names: /photos/2019x is not under /photos/2019.</summary>
public class FolderPathsTests
{
    [Theory]
    [InlineData("/photos/2019/a.jpg", "/photos/2019", true)]
    [InlineData("/photos/2019/a.jpg", "/photos/2019/", true)]
    [InlineData("/photos/2019", "/photos/2019", true)]
    [InlineData("/photos/2019", "/photos/2019/", true)]
    [InlineData("/photos/2019/deep/er/a.jpg", "/photos", true)]
    [InlineData("/photos/2019x/a.jpg", "/photos/2019", false)]
    [InlineData("/photos", "/photos/2019", false)]
    [InlineData("/other/a.jpg", "/photos", false)]
    [InlineData("/a.jpg", "/", true)]
    public void A_path_is_under_a_folder_only_by_whole_names(string path, string folder, bool under)
        => Assert.Equal(under, FolderPaths.IsUnder(path, folder));

    [Fact]
    public void Case_matters_where_the_file_system_says_it_does()
        => Assert.Equal(OperatingSystem.IsWindows(), FolderPaths.IsUnder("/Photos/a.jpg", "/photos"));
}
