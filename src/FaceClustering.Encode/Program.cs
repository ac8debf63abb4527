using System.Runtime.InteropServices;
using FaceClustering.Encode;

// Ctrl+C and SIGTERM stop the run cleanly: the previous encodings stay valid and --update continues later.
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
return EncodeCli.Run(args, Console.In, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, interrupt.Token);
