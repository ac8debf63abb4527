// Evaluates (and fits) the 5-point alignment template against dlib's own descriptors.
//   dotnet run --project tools/TemplateFit -c Release -- evaluate [dlib|calibrated]
//   dotnet run --project tools/TemplateFit -c Release -- fit
using System.Diagnostics;
using System.Globalization;
using FaceClustering.Core.Embedding;
using FaceClustering.Core.Encode;
using FaceClustering.Core.Models;
using FaceClustering.Testing.Calibration;

var dev = args.Length > 2 ? args[2] : Path.Combine("..", "shared", "datasets", "dev");
var reference = DlibReferenceSet.Load(Path.Combine(dev, "dlib_reference.json"), Path.Combine(dev, "images"));
var store = new ModelStore(ModelStore.ResolveFolder(null));
store.EnsureRestored(log: Console.Error.WriteLine);
var watch = Stopwatch.StartNew();
using var faces = FidelityProbe.Prepare(store, reference, new FaceEngineOptions { ThreadsPerSession = Environment.ProcessorCount });
Console.WriteLine($"{faces.Count} of {reference.Records.Count} reference faces matched ({watch.Elapsed.TotalSeconds:F1} s)");

var mode = args.Length > 0 ? args[0] : "evaluate";
if (mode == "evaluate")
{
    var template = args.Length > 1 && args[1] == "dlib" ? AlignmentTemplate.Dlib : AlignmentTemplate.Calibrated;
    Report("template", faces.Distances(template));
}
else if (mode == "fit")
{
    // Leave one identity out: fit on the others, measure on the held-out one.
    var identities = faces.Identities.Distinct().ToList();
    var heldOut = new List<double>();
    foreach (var identity in identities)
    {
        var fitted = faces.Fit(AlignmentTemplate.Dlib, f => faces.Identities[f] != identity);
        heldOut.AddRange(faces.Distances(fitted).Where((_, i) => faces.Identities[i] == identity));
    }
    Report("leave-one-identity-out", heldOut);
    var all = faces.Fit(AlignmentTemplate.Dlib, _ => true);
    Report("fitted on all", faces.Distances(all));
    Console.WriteLine("template: " + string.Join(", ", all.Points.Select(p =>
        string.Create(CultureInfo.InvariantCulture, $"new({p.X:R}, {p.Y:R})"))));
}

static void Report(string name, IReadOnlyList<double> d) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: n={d.Count} median={DlibReferenceSet.Percentile(d, 0.5):F4} p90={DlibReferenceSet.Percentile(d, 0.9):F4} max={d.Max():F4}"));
