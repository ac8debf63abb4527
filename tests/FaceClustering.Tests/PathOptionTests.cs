namespace FaceClustering.Tests;

/// <summary>A path setting is refused, by setting and with an example, when no system could open it.</summary>
public class PathOptionTests
{
    [Fact]
    public void An_empty_path_or_one_with_a_nul_is_refused_and_any_other_is_kept()
    {
        Assert.Equal("photos/", PathOption.Checked(Setting.Dataset, "photos/", "photos/"));
        Assert.Equal(" odd name ", PathOption.Checked(Setting.Dataset, " odd name ", "photos/"));
        var empty = Assert.Throws<OptionException>(() => PathOption.Checked(Setting.Output, "", "results/"));
        Assert.Equal("the output setting is an empty path; give one such as results/", empty.Message);
        var nul = Assert.Throws<OptionException>(() => PathOption.Checked(Setting.Encodings, "a\0b", "e.msgpack"));
        Assert.Equal(Setting.Encodings, nul.Setting);
        Assert.Equal("the encodings setting holds a NUL character; no file has such a name", nul.Message);
        Assert.Null(PathOption.CheckedOrNull(Setting.Truth, null, "truth.csv"));
        Assert.Throws<OptionException>(() => PathOption.CheckedOrNull(Setting.Truth, "", "truth.csv"));
    }
}
