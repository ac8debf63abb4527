using FaceClustering.Core.Clustering;

namespace FaceClustering.Core.Pipeline;

/// <summary>What a cluster run produced.</summary>
public sealed record ClusterSummary(
    int Faces,
    int Clusters,
    int Noise,
    string OutputPath,
    IReadOnlyList<string> MissingPhotos,
    IReadOnlyList<string> UnplacedPhotos,
    IReadOnlyList<string> Notices,
    int Montages)
{
    /// <summary>The scores against --truth, when given.</summary>
    public ClusteringScores? Scores { get; init; }

    /// <summary>The faces and their cluster (-1 = noise), for printing the assignments.</summary>
    public required Encodings.FaceSet FaceSet { get; init; }
    public required IReadOnlyList<int> Labels { get; init; }

    /// <summary>True when some photo was skipped (missing, or could not be placed in its folder).</summary>
    public bool SkippedPhotos => MissingPhotos.Count > 0 || UnplacedPhotos.Count > 0;

    public override string ToString() =>
        $"{Faces} faces, {Clusters} clusters, {Noise} noise -> {OutputPath}" +
        (Montages > 0 ? $" ({Montages} montages: {Path.Combine(OutputPath, "label*", "montage.jpg")})" : "");
}
