namespace FaceClustering.Core.Detection;

/// <summary>A face box in image pixels (floating point) with the detector's confidence.</summary>
public readonly record struct DetectedFace(double Left, double Top, double Right, double Bottom, float Score)
{
    public double Width => Right - Left;
    public double Height => Bottom - Top;
    public double Area => Math.Max(0, Width) * Math.Max(0, Height);

    public double IntersectionOverUnion(DetectedFace other)
    {
        var w = Math.Min(Right, other.Right) - Math.Max(Left, other.Left);
        var h = Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);
        if (w <= 0 || h <= 0) return 0;
        var intersection = w * h;
        return intersection / (Area + other.Area - intersection);
    }

    /// <summary>Greedy non-maximum suppression: highest score first, dropping boxes that overlap a kept one.</summary>
    public static List<DetectedFace> Suppress(IEnumerable<DetectedFace> faces, double iouThreshold)
    {
        var kept = new List<DetectedFace>();
        foreach (var face in faces.OrderByDescending(f => f.Score))
            if (kept.All(k => k.IntersectionOverUnion(face) <= iouThreshold))
                kept.Add(face);
        return kept;
    }
}
