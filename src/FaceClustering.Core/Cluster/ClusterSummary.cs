using FaceClustering.Core.Clustering;
using FaceClustering.Core.Export;

namespace FaceClustering.Core.Cluster;

/// <summary>What a cluster run produced.</summary>
public sealed record ClusterSummary(
    int Faces,
    int Clusters,
    int Noise,
    string OutputPath,
    IReadOnlyList<string> MissingPhotos,
    IReadOnlyList<string> UnplacedPhotos,
    IReadOnlyList<FormattableString> Notices,
    int Montages)
{
    /// <summary>The scores against --truth, when given.</summary>
    public ClusteringScores? Scores { get; init; }

    /// <summary>The faces and their cluster (-1 = noise), for printing the assignments.</summary>
    public required Encodings.FaceSet FaceSet { get; init; }
    public required IReadOnlyList<int> Labels { get; init; }

    /// <summary>What each cluster is called (folders, people).</summary>
    public ClusterNames Names { get; init; } = ClusterNames.Numbered;

    /// <summary>What happened to the people, in one line ("2 new people, 11 faces joined 4 people"); null without a people file.</summary>
    public string? People { get; init; }

    /// <summary>Photos the results were not allowed to read, copy or link, each with the reason (<see cref="PhotoAccess"/>).</summary>
    public IReadOnlyDictionary<string, string> RefusedPhotos { get; init; } = new Dictionary<string, string>();

    /// <summary>True when some photo was skipped (missing, refused, or could not be placed in its folder).</summary>
    public bool SkippedPhotos => MissingPhotos.Count > 0 || UnplacedPhotos.Count > 0 || RefusedPhotos.Count > 0;

    public override string ToString() =>
        $"{ClusterCounts.Describe(Faces, Clusters, Noise)} -> {OutputPath}" +
        (Montages > 0 ? $" ({Counted.Of(Montages, "montage")}: {Path.Combine(OutputPath, Names.MontageGlob, "montage.jpg")})" : "");
}
