using System.Diagnostics;
using FaceClustering.Cluster;

namespace FaceClustering.Tests.TestSupport;

/// <summary>Runs the cluster command in-process (fast) or as its real executable (exit codes, working folder).</summary>
public static class ClusterCommand
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result InProcess(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ClusterCli.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    public static Result AsProcess(string workingDirectory, params string[] args) =>
        RunExecutable("cluster.dll", workingDirectory, args);

    /// <summary>Runs one of the built tools (cluster.dll, encode.dll) with dotnet in <paramref name="workingDirectory"/>.</summary>
    public static Result RunExecutable(string dll, string workingDirectory, params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout, stderr.Result);
    }
}
