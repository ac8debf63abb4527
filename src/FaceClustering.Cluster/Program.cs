using FaceClustering.Cluster;

return ClusterCli.Run(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected);
