using System.Diagnostics;

namespace FaceClustering.Tests.TestSupport;

/// <summary>What a command printed and how it exited.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr);

/// <summary>The built tools (cluster.dll, encode.dll) run as real processes with dotnet.</summary>
public static class Executable
{
    /// <summary>The dotnet host running the tests (DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Starts <paramref name="dll"/> in <paramref name="workingDirectory"/> with stdout and stderr redirected.</summary>
    public static Process Start(string dll, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    /// <summary>Runs <paramref name="dll"/> to the end.</summary>
    public static CommandResult Run(string dll, string workingDirectory, params string[] args)
    {
        using var process = Start(dll, workingDirectory, args);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CommandResult(process.ExitCode, stdout, stderr.Result);
    }
}
