using System.Globalization;

namespace FaceClustering.Core.Pipeline;

/// <summary>What an encode run did.</summary>
public sealed record EncodeSummary(
    int Images,
    int Faces,
    int ImagesWithoutFace,
    IReadOnlyList<(string Path, string Reason)> Skipped,
    TimeSpan Elapsed,
    string EncodingsPath)
{
    public double ImagesPerSecond => Images / Math.Max(Elapsed.TotalSeconds, 1e-9);
    public double FacesPerSecond => Faces / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Images} images, {Faces} faces, {ImagesWithoutFace} images without a face, {Skipped.Count} files skipped; " +
        $"{ImagesPerSecond:F2} images/s, {FacesPerSecond:F2} faces/s -> {EncodingsPath}");
}
