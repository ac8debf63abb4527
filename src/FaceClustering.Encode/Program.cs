using FaceClustering.Encode;

return EncodeCli.Run(args, Console.Out, Console.Error);
