using FaceClustering.Core.Clustering;

namespace FaceClustering.Core.Pipeline;

/// <summary>Everything the cluster command needs, in one place.</summary>
public sealed record ClusterOptions
{
    /// <summary>One encodings file, or the shards of one library (encode --shard), read as one input.</summary>
    public IReadOnlyList<string> EncodingsPaths { get; init; } = [Path.Combine("encodings", "encodings.msgpack")];
    public string OutputPath { get; init; } = Path.Combine("results", "default_result");
    public DbscanOptions Dbscan { get; init; } = new();

    /// <summary>
    /// Choose eps from the data (k-distance knee) instead of <see cref="DbscanOptions.Eps"/>: the default, as it
    /// clusters real libraries better; <c>--eps 0.5</c> gives the original script's behaviour.
    /// </summary>
    public bool EpsAuto { get; init; } = true;

    public ClusteringAlgorithm Algorithm { get; init; } = ClusteringAlgorithm.Dbscan;

    /// <summary>Let two faces of one photo share a cluster (off by default: they are two people).</summary>
    public bool AllowSamePhoto { get; init; }

    /// <summary>A path,identity CSV to score the clusters against.</summary>
    public string? TruthPath { get; init; }
    public LinkMode Link { get; init; } = LinkMode.Copy;
    public bool Overwrite { get; init; }

    /// <summary>Only clusters.csv and the summary: no folders, no photos, no montages.</summary>
    public bool NoImages { get; init; }

    /// <summary>Seed of the montage draw.</summary>
    public int MontageSeed { get; init; } = 42;
}
