using FaceClustering.Core.People;

namespace FaceClustering.Tests.People;

/// <summary>A person's folder name: the name made safe for every file system, with the ID, or person-ID.</summary>
public class PersonTests
{
    [Theory]
    [InlineData(null, "person-7")]
    [InlineData("   ", "person-7")]
    [InlineData("Ann Lee", "Ann Lee (7)")]
    [InlineData("  Ann  ", "Ann (7)")]
    [InlineData("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j (7)")]
    [InlineData("tab\there", "tab_here (7)")]
    [InlineData("Dr. J.", "Dr. J (7)")] // Windows drops trailing dots
    [InlineData("..", "person-7")]
    [InlineData("...", "person-7")]
    public void The_folder_name_is_safe_everywhere(string? name, string folder)
        => Assert.Equal(folder, new Person(7) { Name = name }.FolderName);

    [Fact]
    public void A_long_name_is_cut_to_80_characters()
    {
        var folder = new Person(1) { Name = new string('x', 200) }.FolderName;
        Assert.Equal(new string('x', 80) + " (1)", folder);
    }
}
