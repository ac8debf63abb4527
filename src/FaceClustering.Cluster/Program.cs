using System.Runtime.InteropServices;
using FaceClustering.Cluster;

// Ctrl+C and SIGTERM stop the run cleanly: the results being built are removed and the previous ones stay.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !interrupt.IsCancellationRequested; // a second Ctrl+C stops at once
    interrupt.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    interrupt.Cancel();
});
return ClusterCli.Run(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, interrupt.Token);
