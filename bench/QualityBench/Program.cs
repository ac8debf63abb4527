// Cluster quality of every algorithm over a threshold sweep, on labelled encodings and seeded synthetic libraries:
//   quality-bench OUT [--set NAME ENCODINGS LABELS]...
// Prints two markdown tables (each algorithm at its default threshold; the no-cliff check: BCubed F at the
// default -/+ 0.05 against the best of the sweep) and writes OUT/quality.csv (every run) and OUT/quality.png
// (BCubed F against the threshold, a panel per set). bench/quality.sh encodes the sets and runs it.
using System.Diagnostics;
using System.Globalization;
using FaceClustering.Core.Cluster;
using FaceClustering.Core.Clustering;
using FaceClustering.Core.Encodings;
using FaceClustering.Testing;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var output = args[0];
Directory.CreateDirectory(output);

var sets = new List<(string Name, FaceSet Faces, Func<int[], ClusteringScores> Score)>();
for (var i = 1; i + 3 < args.Length + 1; i++)
{
    if (args[i] != "--set") continue;
    var (name, encodings, labels) = (args[i + 1], args[i + 2], args[i + 3]);
    var faces = FaceSet.Load(encodings);
    var truth = TruthLabels.Load(labels);
    sets.Add((name, faces, l => truth.Score(faces, l)));
    i += 3;
}
foreach (var (seed, low, high) in new[] { (1, 0.019, 0.0375), (2, 0.025, 0.04) })
{
    var (faces, identities) = SyntheticFaceLibrary.CreateFaceSet(3000, seed, low, high);
    sets.Add(($"synthetic-{seed} (3000 faces, spread {low}-{high})", faces, l => ClusteringScores.Compute(l, identities)));
}

var algorithms = new[] { ClusteringAlgorithm.AverageLinkage, ClusteringAlgorithm.Dbscan, ClusteringAlgorithm.ChineseWhispers };
string Name(ClusteringAlgorithm a) => a switch
{
    ClusteringAlgorithm.AverageLinkage => "average-linkage",
    ClusteringAlgorithm.Dbscan => "dbscan",
    _ => "chinese-whispers",
};
var thresholds = Enumerable.Range(0, 13).Select(k => Math.Round(0.40 + 0.025 * k, 3)).ToArray();

var runs = new List<(string Set, ClusteringAlgorithm Algorithm, double Threshold, int Clusters, int Noise, ClusteringScores Scores, double Seconds)>();
foreach (var (setName, faces, score) in sets)
{
    Console.Error.WriteLine($"{setName}: {faces.Count} faces, {algorithms.Length} algorithms x {thresholds.Length} thresholds");
    foreach (var algorithm in algorithms)
    foreach (var threshold in thresholds.Append(ClusterOptions.DefaultThreshold(algorithm)).Distinct().Order())
    {
        var options = new ClusterOptions { Algorithm = algorithm, Threshold = threshold };
        var watch = Stopwatch.StartNew();
        var labels = FaceGrouping.Group(faces, options, []);
        var seconds = watch.Elapsed.TotalSeconds;
        var clusters = labels.Length == 0 ? 0 : labels.Max() + 1;
        runs.Add((setName, algorithm, threshold, clusters, labels.Count(l => l < 0), score(labels), seconds));
    }
}

using (var csv = new StreamWriter(Path.Combine(output, "quality.csv")))
{
    csv.WriteLine("set,algorithm,threshold,clusters,noise,bcubed_precision,bcubed_recall,bcubed_f,pairwise_f,seconds");
    foreach (var r in runs)
        csv.WriteLine($"\"{r.Set}\",{Name(r.Algorithm)},{r.Threshold:F3},{r.Clusters},{r.Noise},{r.Scores.BCubedPrecision:F4}," +
                      $"{r.Scores.BCubedRecall:F4},{r.Scores.BCubedF:F4},{r.Scores.PairwiseF:F4},{r.Seconds:F3}");
}

Console.WriteLine("| set | algorithm (default threshold) | clusters | noise | BCubed P | BCubed R | BCubed F | pairwise F | seconds |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
foreach (var r in runs.Where(r => r.Threshold == ClusterOptions.DefaultThreshold(r.Algorithm)))
    Console.WriteLine($"| {r.Set} | {Name(r.Algorithm)} ({r.Threshold:0.###}) | {r.Clusters} | {r.Noise} | {r.Scores.BCubedPrecision:F3} | " +
                      $"{r.Scores.BCubedRecall:F3} | **{r.Scores.BCubedF:F3}** | {r.Scores.PairwiseF:F3} | {r.Seconds:F2} |");
Console.WriteLine();
Console.WriteLine("| set | algorithm | BCubed F at default - 0.05 | at the default | at default + 0.05 | best of the sweep (threshold) | within 0.03 of the best over default +- 0.05 |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var group in runs.GroupBy(r => (r.Set, r.Algorithm)))
{
    var t = ClusterOptions.DefaultThreshold(group.Key.Algorithm);
    double At(double x) => group.Single(r => Math.Abs(r.Threshold - x) < 1e-9).Scores.BCubedF;
    var best = group.MaxBy(r => r.Scores.BCubedF);
    var window = group.Where(r => Math.Abs(r.Threshold - t) <= 0.05 + 1e-9).ToList();
    var holds = window.All(r => r.Scores.BCubedF >= best.Scores.BCubedF - 0.03);
    Console.WriteLine($"| {group.Key.Set} | {Name(group.Key.Algorithm)} | {At(t - 0.05):F3} | {At(t):F3} | {At(t + 0.05):F3} | " +
                      $"{best.Scores.BCubedF:F3} ({best.Threshold:0.###}) | {(holds ? "yes" : "no")} |");
}

// One panel per set, two panels a row, drawn into one PNG.
const int panelWidth = 700, panelHeight = 500;
var rowsOfPanels = (sets.Count + 1) / 2;
using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(2 * panelWidth, rowsOfPanels * panelHeight));
surface.Canvas.Clear(SkiaSharp.SKColors.White);
var font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
if (File.Exists(font)) ScottPlot.Fonts.AddFontFile("DejaVu Sans", font);
var colors = new[] { ScottPlot.Colors.Crimson, ScottPlot.Colors.SteelBlue, ScottPlot.Colors.SeaGreen };
for (var s = 0; s < sets.Count; s++)
{
    var panel = new ScottPlot.Plot();
    panel.Font.Set("DejaVu Sans");
    panel.Title(sets[s].Name, size: 13);
    panel.XLabel("threshold (eps)");
    panel.YLabel("BCubed F");
    for (var a = 0; a < algorithms.Length; a++)
    {
        var points = runs.Where(r => r.Set == sets[s].Name && r.Algorithm == algorithms[a]).OrderBy(r => r.Threshold).ToList();
        var line = panel.Add.Scatter(points.Select(p => p.Threshold).ToArray(), points.Select(p => p.Scores.BCubedF).ToArray());
        line.LegendText = $"{Name(algorithms[a])} (default {ClusterOptions.DefaultThreshold(algorithms[a]):0.###})";
        line.Color = colors[a];
        line.LineWidth = 2;
        var mark = panel.Add.VerticalLine(ClusterOptions.DefaultThreshold(algorithms[a]), 1, colors[a]);
        mark.LinePattern = ScottPlot.LinePattern.Dashed;
    }
    panel.Axes.SetLimitsY(0, 1.02);
    panel.ShowLegend(ScottPlot.Alignment.LowerLeft);
    using var image = SkiaSharp.SKBitmap.Decode(panel.GetImageBytes(panelWidth, panelHeight, ScottPlot.ImageFormat.Png));
    surface.Canvas.DrawBitmap(image, s % 2 * panelWidth, s / 2 * panelHeight);
}
using (var png = File.Create(Path.Combine(output, "quality.png")))
    surface.Snapshot().Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).SaveTo(png);
Console.Error.WriteLine($"wrote {Path.Combine(output, "quality.csv")} and {Path.Combine(output, "quality.png")}");
