using FaceClustering.Encode;

// Ctrl+C stops the run cleanly: the previous encodings stay valid and --update continues later.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};
return EncodeCli.Run(args, Console.In, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, interrupt.Token);
