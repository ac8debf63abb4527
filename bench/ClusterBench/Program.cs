// A probe, not yet the benchmark harness: time and peak memory of exact DBSCAN (eps 0.5, min-samples 5) on N
// seeded synthetic faces.   dotnet run --project bench/ClusterBench -c Release -- one N
using System.Diagnostics;
using FaceClustering.Core.Calibration;
using FaceClustering.Core.Clustering;

var n = int.Parse(args[1]);
var (vectors, _) = SyntheticFaceLibrary.Generate(n, seed: 2026);
var watch = Stopwatch.StartNew();
var labels = Dbscan.Fit(vectors, SyntheticFaceLibrary.Dimension, new DbscanOptions { Eps = 0.5, MinSamples = 5, Jobs = -1 });
watch.Stop();
Console.WriteLine($"{n} faces: {watch.Elapsed.TotalSeconds:F2} s, {labels.Max() + 1} clusters, {labels.Count(l => l < 0)} noise, peak {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB");
