using System.CommandLine;

namespace FaceClustering.CommandLine;

/// <summary>What the encode and cluster command lines share: exit codes, and parsing with one-line errors.</summary>
internal static class CommandLineHost
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;
    public const int ExitSkipped = 3;
    public const int ExitInterrupted = 130;

    /// <summary>
    /// Parses <paramref name="args"/>; unusable arguments get one line each on stderr and exit code 2; otherwise
    /// the command's action runs and <paramref name="exitCode"/> (which the action sets) is returned.
    /// </summary>
    public static int Run(string tool, RootCommand root, string[] args, TextWriter stdout, TextWriter stderr, Func<int> exitCode)
    {
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
                stderr.WriteLine($"{tool}: {error.Message}");
            stderr.WriteLine($"Run '{tool} --help' for the options.");
            return ExitUsage;
        }
        result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        return exitCode();
    }
}
