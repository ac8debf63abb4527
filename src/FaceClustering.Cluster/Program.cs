using FaceClustering.CommandLine;
using FaceClustering.Cluster;

// Ctrl+C and SIGTERM stop the run cleanly: the results being built are removed and the previous ones stay.
using var interrupt = new CancellationTokenSource();
using var signals = CommandLineHost.CancelOnSignals(interrupt);
return ClusterCli.Run(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, interrupt.Token);
