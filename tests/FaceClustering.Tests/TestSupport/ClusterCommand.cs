using FaceClustering.Cluster;

namespace FaceClustering.Tests.TestSupport;

/// <summary>Runs the cluster command in-process (fast) or as its real executable (exit codes, working folder).</summary>
public static class ClusterCommand
{
    public static CommandResult InProcess(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ClusterCli.Run(args, stdout, stderr);
        return new CommandResult(code, stdout.ToString(), stderr.ToString());
    }

    public static CommandResult AsProcess(string workingDirectory, params string[] args) =>
        Executable.Run("cluster.dll", workingDirectory, args);
}
