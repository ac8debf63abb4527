using System.Globalization;
using System.Text;
using FaceClustering.Core.Clustering;
using FaceClustering.Core.Encodings;

namespace FaceClustering.Core.People;

/// <summary>A face whose person is least certain: how far it is from its own person and from the nearest other one.</summary>
/// <param name="Own">Mean distance to its person's prototypes (other than itself).</param>
/// <param name="Next">Distance to the nearest face of another person.</param>
/// <param name="FaceName">PHOTO:N, as the curation file names the face (N from the left).</param>
public sealed record ReviewItem(int Face, string FaceName, int Person, double Own, int NextPerson, double Next)
{
    /// <summary>The curation line that moves the face to the nearest other person.</summary>
    public string Fix => $"move {FaceName} {NextPerson}";

    public double Margin => Next - Own;
}

/// <summary>
/// The faces to check first (<c>review.csv</c>, and the page's "check these" section): the assigned faces with
/// the smallest margin between their own person and the nearest face of another, at most <see cref="Max"/>, each
/// with the curation line that would move it if it is wrong. Faces with no other person's face within the
/// threshold + 0.1 are sure enough and never listed.
/// </summary>
public static class ReviewList
{
    public const int Max = 50;

    public static List<ReviewItem> Least(FaceSet faces, int[] person, PeopleLedger ledger, double threshold, int jobs)
    {
        var n = faces.Count;
        var nearest = new double[n];
        var nearestPerson = new int[n];
        Array.Fill(nearest, double.PositiveInfinity);
        Array.Fill(nearestPerson, -1);
        foreach (var chunk in NeighborPairs.Within(faces.Vectors, faces.Dimension, threshold + 0.1, jobs))
        foreach (var (i, j, d2) in chunk)
        {
            if (person[i] < 0 || person[j] < 0 || person[i] == person[j]) continue;
            if (d2 < nearest[i]) (nearest[i], nearestPerson[i]) = (d2, person[j]);
            if (d2 < nearest[j]) (nearest[j], nearestPerson[j]) = (d2, person[i]);
        }
        var index = new Dictionary<FaceKey, int>();
        for (var i = 0; i < n; i++) index.TryAdd(FaceKey.Of(faces, i), i);
        var items = new List<(int Face, int Person, double Own, int Next, double NextDistance)>();
        for (var i = 0; i < n; i++)
        {
            if (nearestPerson[i] < 0 || !ledger.People.TryGetValue(person[i], out var own)) continue;
            double sum = 0;
            var count = 0;
            foreach (var prototype in own.Prototypes)
            {
                if (!index.TryGetValue(prototype, out var p) || p == i) continue; // (the face itself)
                var d = VectorDistance.Euclidean(faces.Vector(i), faces.Vector(p));
                sum += d;
                count++;
            }
            if (count == 0) continue;
            items.Add((i, person[i], sum / count, nearestPerson[i], Math.Sqrt(nearest[i])));
        }
        var resolver = new FaceResolver(faces);
        return items.OrderBy(r => r.NextDistance - r.Own).ThenBy(r => r.Face).Take(Max)
            .Select(r => new ReviewItem(r.Face, resolver.Describe(r.Face), r.Person, r.Own, r.Next, r.NextDistance)).ToList();
    }
}
