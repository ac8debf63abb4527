// Exact DBSCAN (eps 0.5, min-samples 5), or the default average linkage, on N seeded synthetic faces: time and
// peak memory of this process (with average linkage, when each stage began, to stderr).
//   cluster-bench N [--algorithm dbscan|average-linkage] [--vectors FILE] [--labels FILE]
// --vectors writes the faces (little-endian float32, N x 128) for the scikit-learn baseline; --labels writes
// our labels (one per line) so bench/run.sh can check that both agree. bench/run.sh runs it once per N.
using System.Diagnostics;
using System.Globalization;
using FaceClustering.Core.Clustering;
using FaceClustering.Testing;

var n = int.Parse(args[0], CultureInfo.InvariantCulture);
string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

var (vectors, _) = SyntheticFaceLibrary.Generate(n, seed: 2026);
if (Arg("--vectors") is { } vectorFile)
{
    // Written straight from the array (no copy, so the peak memory below is DBSCAN's); little-endian on every
    // platform .NET runs on here.
    using var file = File.Create(vectorFile);
    file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors.AsSpan()));
}
var baseline = Process.GetCurrentProcess().WorkingSet64;
var watch = Stopwatch.StartNew();
// Each stage's start, to stderr: where the time goes.
var stage = "";
void Progress(string name, long done, long total)
{
    if (name == stage) return;
    stage = name;
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalSeconds:F2} s: {name}"));
}
var labels = Arg("--algorithm") == "average-linkage"
    ? AverageLinkage.Fit(vectors, SyntheticFaceLibrary.Dimension, new AverageLinkageOptions(), Enumerable.Range(0, n).ToArray(),
        progress: Progress)
    : Dbscan.Fit(vectors, SyntheticFaceLibrary.Dimension, new DbscanOptions { Eps = 0.5, MinSamples = 5, Jobs = -1 });
watch.Stop();
if (Arg("--labels") is { } labelFile) File.WriteAllLines(labelFile, labels.Select(l => l.ToString(CultureInfo.InvariantCulture)));
var peak = Process.GetCurrentProcess().PeakWorkingSet64;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"faces={n} seconds={watch.Elapsed.TotalSeconds:F2} peak_mib={peak >> 20} clusters={labels.Max() + 1} noise={labels.Count(l => l < 0)}"));
