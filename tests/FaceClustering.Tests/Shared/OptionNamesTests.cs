using FaceClustering.CommandLine;

namespace FaceClustering.Tests.Shared;

/// <summary>Every setting Core can name has a flag, one flag per setting, and each flag is one the tools accept.</summary>
public class OptionNamesTests
{
    [Fact]
    public void Every_setting_has_its_own_flag_that_a_tool_accepts()
    {
        var flags = Enum.GetValues<Setting>().Select(OptionNames.Flag).ToList();
        Assert.Equal(flags.Count, flags.Distinct().Count());
        var help = EncodeCommand.InProcess("--help").Stdout + ClusterCommand.InProcess("--help").Stdout;
        foreach (var flag in flags)
            Assert.Matches($@"(?<![\w-]){System.Text.RegularExpressions.Regex.Escape(flag)}(?![\w-])", help);
        Assert.Equal("--min-face-size", OptionNames.Flag(Setting.MinFaceSize));
        Assert.Throws<ArgumentOutOfRangeException>(() => OptionNames.Flag((Setting)999));
    }
}
