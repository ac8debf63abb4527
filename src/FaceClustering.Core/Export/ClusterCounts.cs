namespace FaceClustering.Core.Export;

/// <summary>A run's result in words, as the summary line and the page both say it.</summary>
public static class ClusterCounts
{
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
        return $"{Counted.Of(faces, "face")}: {clusters} {(clusters == 1 ? "person" : "people")} in 2 or more photos " +
               $"({Counted.Of(faces - noise, "face")}), {Counted.Of(noise, "face")} of people seen once";
    }
}
