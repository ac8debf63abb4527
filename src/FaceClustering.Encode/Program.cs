using FaceClustering.CommandLine;
using FaceClustering.Encode;

// Ctrl+C and SIGTERM stop the run cleanly: the previous encodings stay valid and --update continues later.
using var interrupt = new CancellationTokenSource();
using var signals = CommandLineHost.CancelOnSignals(interrupt);
return EncodeCli.Run(args, Console.In, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, interrupt.Token);
