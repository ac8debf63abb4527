// What the pose buys average linkage, on a labelled set (bench/pose.sh runs it on the dev set and the LFW tune split):
//   pose-bench ENCODINGS LABELS [THRESHOLD,...]
// 1. Distances between the photos of one person and of two people, by how far the more turned face of the pair
//    is turned (|yaw| under 30 degrees or 30 and over): the evidence for the pose slack.
// 2. BCubed F at each threshold with the poses as encoded and with every yaw unknown (no slack; the single-face
//    reach still applies), on the whole set and on each half (people split in two by a hash of their name, each
//    half clustered alone: one half to design on, the other to check).
// Each labelled photo is the face that stands for it in --truth scoring (nearest the photo's centre).
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FaceClustering.Core.Cluster;
using FaceClustering.Core.Clustering;
using FaceClustering.Core.Encodings;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var faces = FaceSet.Load(args[0]);
var truth = TruthLabels.Load(args[1]);
var thresholds = (args.Length > 2 ? args[2] : "0.5,0.55,0.6").Split(',').Select(double.Parse).ToArray();

bool FirstHalf(string identity) => (MD5.HashData(Encoding.UTF8.GetBytes(identity))[0] & 1) == 0;
var halves = new (string Name, TruthLabels Truth)[]
{
    ("all", truth),
    ("first half", new TruthLabels(truth.Rows.Where(r => FirstHalf(r.Identity)).ToList())),
    ("second half", new TruthLabels(truth.Rows.Where(r => !FirstHalf(r.Identity)).ToList())),
};

Console.WriteLine("| photos | pairs of one person: n | median | 90th percentile | pairs of two people: n | 1st percentile | median |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (name, half) in halves)
{
    var standing = half.StandingFaces(faces);
    var rows = Enumerable.Range(0, standing.Length).Where(r => standing[r] >= 0 && faces.Qualities[standing[r]] is not null).ToArray();
    foreach (var turned in new[] { false, true })
    {
        var same = new List<double>();
        var different = new List<double>();
        for (var x = 0; x < rows.Length; x++)
        for (var y = x + 1; y < rows.Length; y++)
        {
            var (i, j) = (standing[rows[x]], standing[rows[y]]);
            if (Math.Max(Math.Abs(faces.Qualities[i]!.Yaw), Math.Abs(faces.Qualities[j]!.Yaw)) >= AverageLinkage.PoseSlackYaw != turned) continue;
            var d = VectorDistance.Euclidean(faces.Vector(i), faces.Vector(j));
            (half.Rows[rows[x]].Identity == half.Rows[rows[y]].Identity ? same : different).Add(d);
        }
        same.Sort();
        different.Sort();
        Console.WriteLine($"| {name}, {(turned ? "one turned 30 degrees or more" : "both under 30 degrees")} | {same.Count} | " +
            $"{Percentile(same, 0.5):F3} | {Percentile(same, 0.9):F3} | {different.Count} | {Percentile(different, 0.01):F3} | {Percentile(different, 0.5):F3} |");
    }
}

Console.WriteLine();
Console.WriteLine($"| set | poses | {string.Join(" | ", thresholds.Select(t => $"BCubed F at {t}"))} |");
Console.WriteLine($"|---|---|{string.Concat(thresholds.Select(_ => "---|"))}");
foreach (var (name, half) in halves)
{
    // A half is clustered alone: the faces of its labelled photos (every face of them, bystanders too).
    var photos = half.StandingFaces(faces).Where(f => f >= 0).Select(f => faces.ImagePaths[f]).ToHashSet(StringComparer.Ordinal);
    var kept = Enumerable.Range(0, faces.Count).Where(i => photos.Contains(faces.ImagePaths[i])).ToList();
    foreach (var known in new[] { true, false })
    {
        var set = FaceSet.FromRecords(faces.Header, kept.Select(i => new FaceRecord(faces.ImagePaths[i], faces.Boxes[i],
            faces.Vector(i).ToArray(), known ? faces.Qualities[i] : faces.Qualities[i] is { } q ? q with { Yaw = float.NaN } : null)));
        var scores = thresholds.Select(t => half.Score(set, FaceGrouping.Group(set, new ClusterOptions { Threshold = t }, [])).BCubedF);
        Console.WriteLine($"| {name} | {(known ? "as encoded" : "unknown")} | {string.Join(" | ", scores.Select(f => f.ToString("F4")))} |");
    }
}

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[(int)(p * (sorted.Count - 1))];
