using FaceClustering.Core.Export;

namespace FaceClustering.Tests.Export;

/// <summary>A hard link is the same file under a second name; where none can be made the answer is false, not an exception.</summary>
public class HardLinkTests
{
    [Fact]
    public void A_link_shares_the_file_and_an_impossible_one_says_false()
    {
        using var folder = new TempFolder();
        var photo = folder.Combine("a.jpg");
        File.WriteAllText(photo, "pixels");
        var link = folder.Combine("link.jpg");
        Assert.True(HardLink.TryCreate(photo, link));
        File.AppendAllText(link, " and more");
        Assert.Equal("pixels and more", File.ReadAllText(photo)); // one file, two names

        Assert.False(HardLink.TryCreate(photo, link)); // the name is taken
        Assert.False(HardLink.TryCreate(folder.Combine("none.jpg"), folder.Combine("x.jpg"))); // nothing to link
        Assert.False(File.Exists(folder.Combine("x.jpg")));
    }
}
