using System.CommandLine;
using System.Text.RegularExpressions;
using FaceClustering.Core;

namespace FaceClustering.CommandLine;

/// <summary>
/// What the encode and cluster command lines share: exit codes, parsing with one-line errors, and the one mapping
/// from a run's failure to its line and exit code (<see cref="Run"/>).
/// </summary>
public static class CommandLineHost
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;
    public const int ExitSkipped = 3;
    public const int ExitNativeLibrary = 4;
    public const int ExitInterrupted = 130;

    /// <summary>
    /// Ctrl+C and SIGTERM cancel <paramref name="interrupt"/> so the run stops cleanly; a second Ctrl+C stops the
    /// process at once. Dispose the result to stop listening.
    /// </summary>
    public static IDisposable CancelOnSignals(CancellationTokenSource interrupt)
    {
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !interrupt.IsCancellationRequested; // a second Ctrl+C stops at once
            interrupt.Cancel();
        };
        return System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            interrupt.Cancel();
        });
    }

    /// <summary>How a tool words the failures the host reports for it.</summary>
    /// <param name="Writing">Before an I/O error's own text: "could not write the results".</param>
    /// <param name="Interrupted">The line for Ctrl+C or SIGTERM: what is left and how to go on.</param>
    public sealed record Wording(string Writing, Func<string> Interrupted);

    /// <summary>
    /// Parses <paramref name="args"/>; unusable arguments get one line each on stderr and exit code 2; otherwise
    /// the command's action runs and <paramref name="exitCode"/> (which the action sets) is returned. A failure of
    /// the action gets one line and its exit code (<see cref="ExitCodeFor"/>): a problem with the input 2, an I/O
    /// error 1, a native library that cannot load 4, an interruption 130; anything else is a bug and propagates.
    /// </summary>
    public static int Run(string tool, RootCommand root, string[] args, TextWriter stdout, TextWriter stderr, Func<int> exitCode,
        Wording wording)
    {
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var line in Explain(root, args, result.Errors.Select(e => e.Message)))
                stderr.WriteLine($"{tool}: {line}");
            stderr.WriteLine($"Run '{tool} --help' for the options.");
            return ExitUsage;
        }
        try
        {
            result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception error) when (ExitCodeFor(Unwrap(error)) is { } code)
        {
            var e = Unwrap(error);
            stderr.WriteLine($"{tool}: {Describe(e, wording)}");
            if (e is OptionException) stderr.WriteLine($"Run '{tool} --help' for the options.");
            return code;
        }
        return exitCode();
    }

    /// <summary>
    /// The failure itself where parallel work wrapped it (a disk that fills while montages are written fails inside
    /// Parallel.ForEach): the first of an AggregateException's failures, unless it holds a native library problem.
    /// </summary>
    public static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: > 0 } a && NativeLibraryProblem(e) is null) e = a.Flatten().InnerExceptions[0];
        return e;
    }

    /// <summary>The exit code of a failure the tools expect, or null for a bug.</summary>
    public static int? ExitCodeFor(Exception e) => e switch
    {
        OperationCanceledException => ExitInterrupted,
        InputException => ExitUsage,
        IOException or UnauthorizedAccessException => ExitFailure,
        _ when NativeLibraryProblem(e) is not null => ExitNativeLibrary,
        _ => null,
    };

    /// <summary>The one line for a failure: Core's settings worded as this tool's flags.</summary>
    public static string Describe(Exception e, Wording wording) => e switch
    {
        OperationCanceledException => wording.Interrupted(),
        InputException input => input.Render(OptionNames.Flag),
        IOException or UnauthorizedAccessException => $"{wording.Writing}: {e.Message}",
        _ => NativeLibraryProblem(e) ?? e.Message,
    };

    /// <summary>
    /// One line for a native library that cannot be loaded (missing, damaged or built for another platform),
    /// naming it and the fix; null for any other failure. The exception may come wrapped (a type initializer, a
    /// worker thread's AggregateException).
    /// </summary>
    public static string? NativeLibraryProblem(Exception error)
    {
        for (Exception? e = error; e is not null; e = e is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0] : e.InnerException)
        {
            if (e is not (DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)) continue;
            var name = Regex.Match(e.Message, "'([^']+)'") is { Success: true } m ? m.Groups[1].Value : "a native library";
            var detail = e.Message.Split('\n')[0].Trim();
            return $"cannot load the native library {name} ({detail}). It ships in the tool's own folder " +
                   $"(runtimes/{System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}/native): " +
                   "build the tool again for this platform (dotnet build, as the README shows)";
        }
        return null;
    }

    /// <summary>
    /// The parser's errors in plain words: a value of the wrong type says what is expected ("--jobs expects a whole
    /// number (got 'abc')"), an unknown option names the nearest known one, and the value typed after an unknown
    /// option is not reported a second time.
    /// </summary>
    public static IEnumerable<string> Explain(RootCommand root, string[] args, IEnumerable<string> errors)
    {
        var names = root.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith('-')).ToList();
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in errors)
        {
            var wrongType = Regex.Match(message, @"^Cannot parse argument '(.*)' for option '(.*)' as expected type '(.*)'\.$");
            if (wrongType.Success)
            {
                var expected = wrongType.Groups[3].Value switch
                {
                    "System.Int32" or "System.Int64" => "a whole number",
                    "System.Double" or "System.Single" => "a number",
                    _ => "another kind of value",
                };
                yield return $"{wrongType.Groups[2].Value} expects {expected} (got '{wrongType.Groups[1].Value}')";
                continue;
            }
            var unrecognized = Regex.Match(message, @"^Unrecognized command or argument '(.*)'\.$");
            if (!unrecognized.Success)
            {
                yield return message;
                continue;
            }
            var token = unrecognized.Groups[1].Value;
            var at = Array.IndexOf(args, token);
            if (!token.StartsWith('-') && at > 0 && unknown.Contains(args[at - 1])) continue; // the unknown option's value
            if (!token.StartsWith('-'))
            {
                yield return $"unexpected argument '{token}' (options start with - or --)";
                continue;
            }
            unknown.Add(token);
            var nearest = names.Select(n => (Name: n, Distance: EditDistance(token, n))).MinBy(x => x.Distance);
            yield return nearest.Name is not null && nearest.Distance <= Math.Max(2, token.Length / 4)
                ? $"unknown option '{token}'; did you mean '{nearest.Name}'?"
                : $"unknown option '{token}'";
        }
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
