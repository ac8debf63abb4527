namespace FaceClustering.Core.Clustering;

/// <summary>Which algorithm groups the faces.</summary>
public enum ClusteringAlgorithm
{
    /// <summary>Exact DBSCAN, as the original script (scikit-learn's labels).</summary>
    Dbscan,

    /// <summary>dlib's Chinese whispers over the graph of faces closer than eps.</summary>
    ChineseWhispers,
}
