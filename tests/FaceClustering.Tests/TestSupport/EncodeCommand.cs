using FaceClustering.Encode;

namespace FaceClustering.Tests.TestSupport;

/// <summary>Runs the encode command in-process.</summary>
public static class EncodeCommand
{
    public static CommandResult InProcess(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = EncodeCli.Run(args, stdout, stderr);
        return new CommandResult(code, stdout.ToString(), stderr.ToString());
    }
}
