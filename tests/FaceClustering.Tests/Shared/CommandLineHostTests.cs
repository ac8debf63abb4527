using System.CommandLine;
using FaceClustering.CommandLine;

namespace FaceClustering.Tests.Shared;

/// <summary>
/// What both command lines share: arguments that cannot be parsed get one plain line each and exit code 2; a run's
/// failure gets one line in the tool's words and its documented exit code; a bug is not hidden.
/// </summary>
public class CommandLineHostTests
{
    private static (int Code, string Stdout, string Stderr) Run(string[] args, Action? action = null)
    {
        var jobs = new Option<int>("--jobs", "-j");
        var threshold = new Option<double>("--threshold");
        var root = new RootCommand("test tool") { jobs, threshold };
        root.SetAction(_ => action?.Invoke());
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = CommandLineHost.Run("tool", root, args, stdout, stderr, () => CommandLineHost.ExitSkipped,
            new CommandLineHost.Wording("could not write the results", () => "interrupted; nothing was changed"));
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    [Fact]
    public void A_run_that_goes_through_returns_the_code_its_action_set()
        => Assert.Equal((CommandLineHost.ExitSkipped, ""), (Run(["--jobs", "2"]).Code, Run(["--jobs", "2"]).Stderr));

    [Theory]
    [InlineData(new[] { "--jobs", "abc" }, "tool: --jobs expects a whole number (got 'abc')")]
    [InlineData(new[] { "--threshold", "x" }, "tool: --threshold expects a number (got 'x')")]
    [InlineData(new[] { "--jbos", "3" }, "tool: unknown option '--jbos'; did you mean '--jobs'?")]
    [InlineData(new[] { "--frobnicate" }, "tool: unknown option '--frobnicate'")]
    [InlineData(new[] { "stray" }, "tool: unexpected argument 'stray' (options start with - or --)")]
    public void Unusable_arguments_get_one_plain_line_each_and_exit_code_2(string[] args, string line)
    {
        var (code, _, stderr) = Run(args);
        Assert.Equal(CommandLineHost.ExitUsage, code);
        Assert.Equal([line, "Run 'tool --help' for the options."], Lines(stderr));
    }

    public static TheoryData<Exception, int, string> Failures => new()
    {
        { new InputException($"'{"x"}' is not there; give another with {Setting.Encodings}"), CommandLineHost.ExitUsage, "tool: 'x' is not there; give another with -e" },
        { new IOException("No space left on device"), CommandLineHost.ExitFailure, "tool: could not write the results: No space left on device" },
        { new UnauthorizedAccessException("Access denied"), CommandLineHost.ExitFailure, "tool: could not write the results: Access denied" },
        { new OperationCanceledException(), CommandLineHost.ExitInterrupted, "tool: interrupted; nothing was changed" },
        { new AggregateException(new IOException("disk full"), new IOException("again")), CommandLineHost.ExitFailure, "tool: could not write the results: disk full" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_is_one_line_in_the_tools_words_with_its_exit_code(Exception failure, int exitCode, string line)
    {
        var (code, _, stderr) = Run([], () => throw failure);
        Assert.Equal(exitCode, code);
        Assert.Equal([line], Lines(stderr));
    }

    [Fact]
    public void A_setting_refused_also_points_to_the_help()
    {
        var (code, _, stderr) = Run([], () => Jobs.Checked(0));
        Assert.Equal(CommandLineHost.ExitUsage, code);
        Assert.Equal(["tool: --jobs must be -1 (all cores) or a positive number (got 0)", "Run 'tool --help' for the options."], Lines(stderr));
    }

    [Fact]
    public void A_native_library_that_cannot_load_names_it_and_the_fix_even_when_wrapped()
    {
        var missing = new TypeInitializationException("Native", new DllNotFoundException("Unable to load shared library 'libvips.so.42' or one of its dependencies."));
        var (code, _, stderr) = Run([], () => throw new AggregateException(missing));
        Assert.Equal(CommandLineHost.ExitNativeLibrary, code);
        var line = Assert.Single(Lines(stderr));
        Assert.StartsWith("tool: cannot load the native library libvips.so.42 (Unable to load shared library", line);
        Assert.EndsWith("build the tool again for this platform (dotnet build, as the README shows)", line);
    }

    [Fact]
    public void A_bug_is_not_hidden_behind_a_line()
    {
        Assert.Throws<NullReferenceException>(() => Run([], () => throw new NullReferenceException()));
        Assert.Null(CommandLineHost.ExitCodeFor(new InvalidOperationException()));
    }
}
