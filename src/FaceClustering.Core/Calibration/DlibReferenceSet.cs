using System.Text.Json;
using FaceClustering.Core.Encodings;

namespace FaceClustering.Core.Calibration;

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

    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Clustering.VectorDistance.Euclidean(a, b);

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

    public static double Iou(FaceBox a, FaceBox b)
    {
        var w = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
        var h = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top);
        if (w <= 0 || h <= 0) return 0;
        double inter = w * h;
        return inter / ((double)a.Width * a.Height + (double)b.Width * b.Height - inter);
    }

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
