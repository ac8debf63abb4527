using FaceClustering.CommandLine;

namespace FaceClustering.Tests.Shared;

public class ProgressPrinterTests
{
    [Fact]
    public void On_a_terminal_a_bar_with_count_rate_and_time_left_is_redrawn_in_place()
    {
        var err = new StringWriter();
        var printer = new ProgressPrinter(err, interactive: true, quiet: false, "images");
        printer.Report("encoding", 50, 200, TimeSpan.FromSeconds(10));
        Assert.Equal("\r[#######.......................] encoding 50/200 images 5.0 images/s, 30s left   ", err.ToString());
    }

    [Fact]
    public void Off_a_terminal_plain_lines_and_quiet_means_nothing()
    {
        var err = new StringWriter();
        var printer = new ProgressPrinter(err, interactive: false, quiet: false, "faces") { PlainInterval = 0 };
        printer.Report("counting neighbours", 1000, 4000, TimeSpan.FromSeconds(2));
        printer.Report("counting neighbours", 4000, 4000, TimeSpan.FromSeconds(8));
        Assert.Equal("counting neighbours 1000/4000 faces 500.0 faces/s, 6s left\ncounting neighbours 4000/4000 faces 500.0 faces/s, 0s left\n",
            err.ToString().Replace("\r\n", "\n"));

        var silent = new StringWriter();
        var quiet = new ProgressPrinter(silent, interactive: true, quiet: true, "faces");
        quiet.Report("x", 1, 2, TimeSpan.FromSeconds(1));
        Assert.Equal("", silent.ToString());
    }
}
