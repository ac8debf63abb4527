using FaceClustering.Core.Clustering;
using FaceClustering.Core.Encodings;

namespace FaceClustering.Core.Cluster;

/// <summary>
/// The faces of a run grouped by the chosen algorithm: faces below the minimum size left out (noise), and the
/// same-photo rule applied as asked (inside average linkage, after the others).
/// </summary>
public static class FaceGrouping
{
    /// <summary>Labels from the chosen algorithm, with the same-photo rule applied as asked; faces smaller than the minimum size are noise.</summary>
    public static int[] Group(FaceSet faces, ClusterOptions options, List<FormattableString> notices, Action<string, long, long>? progress = null)
    {
        var included = Enumerable.Range(0, faces.Count)
            .Where(i => Math.Min(faces.Boxes[i].Width, faces.Boxes[i].Height) >= options.MinFaceSize).ToArray();
        if (included.Length < faces.Count)
            notices.Add($"{faces.Count - included.Length} face(s) smaller than {options.MinFaceSize} px were left out (noise)");
        var vectors = included.Length == faces.Count ? faces.Vectors : Gather(faces.Vectors, faces.Dimension, included);

        int[] labels;
        if (options.Algorithm == ClusteringAlgorithm.AverageLinkage)
        {
            // The same-photo rule is part of the algorithm: groups holding faces of one photo never merge.
            labels = AverageLinkage.Fit(vectors, faces.Dimension, options.Linkage,
                options.AllowSamePhoto ? null : PhotoIds(faces, included), faces.Yaws(included), progress);
            return Scatter(labels, included, faces.Count);
        }
        labels = Scatter(options.Algorithm == ClusteringAlgorithm.ChineseWhispers
            ? ChineseWhispers.Fit(vectors, faces.Dimension, options.EffectiveThreshold, options.EffectiveJobs, progress: progress)
            : Dbscan.Fit(vectors, faces.Dimension, options.Dbscan, progress), included, faces.Count);
        if (!options.AllowSamePhoto)
        {
            var moved = SamePhotoRule.Apply(faces, labels);
            if (moved > 0)
                notices.Add($"{moved} face(s) shared a cluster with another face of the same photo and became noise");
        }
        return labels;
    }

    private static float[] Gather(float[] vectors, int dimension, int[] rows)
    {
        var result = new float[rows.Length * dimension];
        for (var r = 0; r < rows.Length; r++) vectors.AsSpan(rows[r] * dimension, dimension).CopyTo(result.AsSpan(r * dimension));
        return result;
    }

    /// <summary>Labels of the included faces placed back among all faces; the others are noise. Numbering is kept (it follows face order).</summary>
    private static int[] Scatter(int[] labels, int[] included, int count)
    {
        if (included.Length == count) return labels;
        var all = new int[count];
        Array.Fill(all, Dbscan.Noise);
        for (var r = 0; r < included.Length; r++) all[included[r]] = labels[r];
        return all;
    }

    /// <summary>Per included face, a number standing for its photo.</summary>
    private static int[] PhotoIds(FaceSet faces, int[] included)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new int[included.Length];
        for (var r = 0; r < included.Length; r++)
        {
            var path = faces.ImagePaths[included[r]];
            if (!ids.TryGetValue(path, out var id)) ids.Add(path, id = ids.Count);
            result[r] = id;
        }
        return result;
    }
}
