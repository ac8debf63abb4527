// The cnn detector at each network precision (float, int8) on the same photos, one thread: time per photo (detection only,
// from the decoded photo to the merged boxes) and how the boxes of each precision match the float network's.
//   ssd-bench [--models DIR] [--upsample N] [--rounds R] PHOTO...
// Prints one line per photo and precision, then a summary per precision: total ms, ratio to float, faces,
// boxes matched to a float box at IoU >= 0.9 and >= 0.5, float boxes missing (with their float scores) and extra ones (IoU < 0.5).
using System.Diagnostics;
using System.Globalization;
using FaceClustering.Core.Detection;
using FaceClustering.Core.Imaging;
using FaceClustering.Core.Inference;
using FaceClustering.Core.Models;

var upsample = 1;
var rounds = 1;
var models = "models";
var paths = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--upsample" && i + 1 < args.Length) upsample = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--rounds" && i + 1 < args.Length) rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--models" && i + 1 < args.Length) models = args[++i];
    else paths.Add(args[i]);
}

var weights = TfjsWeights.Load(models, SsdMobilenetNet.ModelStem);
var precisions = new[] { SsdPrecision.Float, SsdPrecision.Int8 };
var nets = precisions.Select(p => new SsdMobilenetNet(weights, new InferenceSessionFactory(), p)).ToArray();
var detectors = nets.Select(net => new SsdFaceDetector(net, 0.5f, upsample)).ToArray();
var totals = new double[precisions.Length];
var stats = new int[precisions.Length, 5]; // faces, >=0.9, >=0.5, missing, extra
var scoreDiff = new double[precisions.Length];
var missingScores = precisions.Select(_ => new List<float>()).ToArray();
using var warm = PhotoReader.TryRead(paths[0]);
foreach (var d in detectors) d.Detect(warm!);
foreach (var path in paths)
{
    using var image = PhotoReader.TryRead(path);
    if (image is null) continue;
    var found = new IReadOnlyList<DetectedFace>[precisions.Length];
    for (var p = 0; p < precisions.Length; p++)
    {
        var best = double.MaxValue;
        for (var r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            found[p] = detectors[p].Detect(image);
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }
        totals[p] += best;
        stats[p, 0] += found[p].Count;
        foreach (var f in found[p])
        {
            var (iou, match) = found[0].Select(g => (Iou(f, g), g)).DefaultIfEmpty((0, f)).MaxBy(t => t.Item1);
            if (iou >= 0.9) stats[p, 1]++;
            if (iou >= 0.5) { stats[p, 2]++; scoreDiff[p] = Math.Max(scoreDiff[p], Math.Abs(f.Score - match.Score)); }
            else stats[p, 4]++;
        }
        foreach (var g in found[0].Where(g => !found[p].Any(f => Iou(f, g) >= 0.5)))
        {
            stats[p, 3]++;
            missingScores[p].Add(g.Score);
        }
        Console.WriteLine(FormattableString.Invariant($"{precisions[p],-6} {best,8:F1} ms {found[p].Count,3} faces  {path}"));
    }
}
Console.WriteLine();
for (var p = 0; p < precisions.Length; p++)
    Console.WriteLine(FormattableString.Invariant(
        $"{precisions[p],-6} {totals[p],9:F0} ms  x{totals[0] / totals[p]:F2} faster than float  faces {stats[p, 0]}  IoU>=0.9 {stats[p, 1]}  IoU>=0.5 {stats[p, 2]}  missing {stats[p, 3]}{(missingScores[p].Count > 0 ? $" (float scores {string.Join(", ", missingScores[p].Select(v => v.ToString("F2", CultureInfo.InvariantCulture)))})" : "")}  extra {stats[p, 4]}  max score change {scoreDiff[p]:F3}"));
foreach (var net in nets) net.Dispose();

static double Iou(DetectedFace a, DetectedFace b)
{
    var w = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
    var h = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top);
    if (w <= 0 || h <= 0) return 0;
    var inter = w * h;
    return inter / ((a.Right - a.Left) * (a.Bottom - a.Top) + (b.Right - b.Left) * (b.Bottom - b.Top) - inter);
}
