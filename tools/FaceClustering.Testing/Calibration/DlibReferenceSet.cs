using System.Text.Json;
using FaceClustering.Core.Detection;
using FaceClustering.Core.Encodings;

namespace FaceClustering.Testing.Calibration;

/// <summary>
/// dlib's own descriptors for a set of photos (a JSON file with <c>records</c> of imagePath, loc, encoding), the
/// yardstick for how faithfully our engine reproduces dlib.
/// </summary>
public sealed record DlibReferenceSet(string ImageFolder, IReadOnlyList<FaceRecord> Records)
{
    public static DlibReferenceSet Load(string jsonPath, string imageFolder)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
        var records = json.RootElement.GetProperty("records").EnumerateArray().Select(r =>
        {
            var loc = r.GetProperty("loc").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            return new FaceRecord(r.GetProperty("imagePath").GetString()!, new FaceBox(loc[0], loc[1], loc[2], loc[3]),
                r.GetProperty("encoding").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray());
        }).ToList();
        return new DlibReferenceSet(imageFolder, records);
    }

    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Core.Clustering.VectorDistance.Euclidean(a, b);

    /// <summary>Index of the box that overlaps <paramref name="reference"/> most (IoU at least <paramref name="minIou"/>), or -1.</summary>
    public static int Match(FaceBox reference, IReadOnlyList<FaceBox> boxes, double minIou = 0.3)
    {
        var best = -1;
        var bestIou = minIou;
        for (var i = 0; i < boxes.Count; i++)
        {
            var iou = Iou(reference, boxes[i]);
            if (iou >= bestIou) (best, bestIou) = (i, iou);
        }
        return best;
    }

    public static double Iou(FaceBox a, FaceBox b) => Detected(a).IntersectionOverUnion(Detected(b));

    private static DetectedFace Detected(FaceBox box) => new(box.Left, box.Top, box.Right, box.Bottom, 0);

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
