namespace FaceClustering.Core.Clustering;

/// <summary>Which algorithm groups the faces.</summary>
public enum ClusteringAlgorithm
{
    /// <summary>Average-linkage agglomeration with the same-photo and separation rules (the default).</summary>
    AverageLinkage,

    /// <summary>Exact DBSCAN, as the original script (scikit-learn's labels).</summary>
    Dbscan,

    /// <summary>dlib's Chinese whispers over the graph of faces closer than the threshold.</summary>
    ChineseWhispers,
}
