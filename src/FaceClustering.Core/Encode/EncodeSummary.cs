using System.Globalization;

namespace FaceClustering.Core.Encode;

/// <summary>What an encode run did.</summary>
public sealed record EncodeSummary(
    int Images,
    int Faces,
    int ImagesWithoutFace,
    IReadOnlyList<(string Path, string Reason)> Skipped,
    TimeSpan Elapsed,
    string EncodingsPath)
{
    /// <summary>With --update: photos whose encodings were kept, and photos gone since.</summary>
    public int Reused { get; init; }
    public int Removed { get; init; }

    /// <summary>Photos encoded in this run (the rate is about these).</summary>
    public int Encoded { get; init; }

    /// <summary>Faces found in this run.</summary>
    public int NewFaces { get; init; }

    public double ImagesPerSecond => Encoded / Math.Max(Elapsed.TotalSeconds, 1e-9);
    public double FacesPerSecond => NewFaces / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Counted.Of(Images, "image")}, {Counted.Of(Faces, "face")}, {Counted.Of(ImagesWithoutFace, "image")} without a face, {Counted.Of(Skipped.Count, "file")} skipped; ") +
        (Reused + Removed > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Encoded} encoded, {Reused} unchanged, {Removed} removed; ") : "") +
        string.Create(CultureInfo.InvariantCulture, $"{ImagesPerSecond:F2} images/s, {FacesPerSecond:F2} faces/s -> {EncodingsPath}");
}
