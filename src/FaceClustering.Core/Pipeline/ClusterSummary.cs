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

    /// <summary>What each cluster is called (folders, people).</summary>
    public ClusterNames Names { get; init; } = ClusterNames.Numbered;

    /// <summary>What happened to the people, in one line ("2 new people, 11 faces joined 4 people"); null without a people file.</summary>
    public string? People { get; init; }

    /// <summary>True when some photo was skipped (missing, or could not be placed in its folder).</summary>
    public bool SkippedPhotos => MissingPhotos.Count > 0 || UnplacedPhotos.Count > 0;

    public override string ToString() =>
        $"{Describe(Faces, Clusters, Noise)} -> {OutputPath}" +
        (Montages > 0 ? $" ({Count(Montages, "montage")}: {Path.Combine(OutputPath, Names.MontageGlob, "montage.jpg")})" : "");

    /// <summary>
    /// What was found, in words that read as a result whatever it is: "22 faces, 22 different people: nobody
    /// appears in 2 or more photos", or "21 faces: 3 people in 2 or more photos (19 faces), 2 faces of people
    /// seen once".
    /// </summary>
    public static string Describe(int faces, int clusters, int noise)
    {
        if (faces == 0) return "0 faces";
        if (clusters == 0)
            return faces == 1 ? "1 face, 1 person" : $"{faces} faces, {faces} different people: nobody appears in 2 or more photos";
        return $"{Count(faces, "face")}: {clusters} {(clusters == 1 ? "person" : "people")} in 2 or more photos " +
               $"({Count(faces - noise, "face")}), {Count(noise, "face")} of people seen once";
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
