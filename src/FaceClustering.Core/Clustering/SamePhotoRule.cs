using FaceClustering.Core.Encodings;

namespace FaceClustering.Core.Clustering;

/// <summary>
/// Two faces in one photo are never the same person: where a cluster holds several faces of one photo, the
/// face closest (mean distance) to the rest of the cluster stays and the others become noise. Clusters
/// without such a conflict are left exactly as the algorithm made them.
/// </summary>
public static class SamePhotoRule
{
    /// <summary>How many other members a face is compared with at most (a deterministic sample).</summary>
    private const int MaxComparisons = 256;

    /// <summary>Applies the rule in place; returns how many faces became noise.</summary>
    public static int Apply(FaceSet faces, int[] labels)
    {
        var members = new Dictionary<int, List<int>>();
        var groups = new Dictionary<(string Photo, int Label), List<int>>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0) continue;
            if (!members.TryGetValue(labels[i], out var list)) members[labels[i]] = list = [];
            list.Add(i);
            var key = (faces.ImagePaths[i], labels[i]);
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = [];
            group.Add(i);
        }

        var moved = 0;
        foreach (var ((photo, label), group) in groups)
        {
            if (group.Count < 2) continue;
            var others = members[label].Where(m => faces.ImagePaths[m] != photo).ToList();
            if (others.Count > MaxComparisons)
            {
                var stride = (double)others.Count / MaxComparisons;
                others = Enumerable.Range(0, MaxComparisons).Select(k => others[(int)(k * stride)]).ToList();
            }
            // With no other member to compare with, keep the first face.
            var keep = others.Count == 0
                ? group[0]
                : group.MinBy(face => others.Average(o => VectorDistance.Euclidean(faces.Vector(face), faces.Vector(o))));
            foreach (var face in group)
            {
                if (face == keep) continue;
                labels[face] = Dbscan.Noise;
                moved++;
            }
        }
        return moved;
    }
}
