using FaceClustering.Core.Clustering;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.Imaging;

namespace FaceClustering.Core.Pipeline;

/// <summary>The cluster command: read the encodings, run DBSCAN, export folders, montages and clusters.csv.</summary>
public static class ClusterRun
{
    /// <summary>How many missing photos a summary lists by name.</summary>
    public const int MissingPhotosListed = 5;

    public static ClusterSummary Execute(ClusterOptions options)
    {
        options.Dbscan.Validate();
        var faces = FaceSet.Load(options.EncodingsPath);
        var labels = Dbscan.Fit(faces.Vectors, faces.Dimension, options.Dbscan);

        var photos = faces.ImagePaths.Distinct(StringComparer.Ordinal).ToList();
        var missing = options.NoImages ? [] : photos.Where(p => !File.Exists(p)).ToList();
        var notices = new List<string>();
        List<string> unplaced = [];
        var montages = 0;

        using (var results = ResultsFolder.Prepare(options.OutputPath, options.Overwrite,
                   photos.Append(options.EncodingsPath)))
        {
            ClusterCsvWriter.Write(Path.Combine(results.Staging, ClusterCsvWriter.FileName), faces, labels);
            if (!options.NoImages)
            {
                var writer = new ClusterFolderWriter(faces, options.Link, new MontageBuilder(), options.MontageSeed);
                var members = MembersByLabel(faces, labels, missing.ToHashSet(StringComparer.Ordinal));
                montages = members.Count;
                Parallel.ForEach(members,
                    new ParallelOptions { MaxDegreeOfParallelism = options.Dbscan.EffectiveJobs },
                    cluster => writer.Write(results.Staging, cluster.Key, cluster.Value));
                unplaced = writer.Unplaced.Order(StringComparer.Ordinal).ToList();
                if (writer.HardLinkFellBack)
                    notices.Add("hard links were refused (different file system?); those photos were copied instead");
            }
            results.Publish();
        }

        var noise = labels.Count(l => l == Dbscan.Noise);
        var clusters = labels.Length == 0 ? 0 : labels.Max() + 1;
        return new ClusterSummary(faces.Count, clusters, noise, options.OutputPath, missing, unplaced, notices, montages);
    }

    private static SortedDictionary<int, List<int>> MembersByLabel(FaceSet faces, int[] labels, HashSet<string> missing)
    {
        var members = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (missing.Contains(faces.ImagePaths[i])) continue;
            if (!members.TryGetValue(labels[i], out var list))
                members.Add(labels[i], list = []);
            list.Add(i);
        }
        return members;
    }
}
