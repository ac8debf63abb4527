using FaceClustering.Core.Clustering;

namespace FaceClustering.Core.Pipeline;

/// <summary>Everything the cluster command needs, in one place.</summary>
public sealed record ClusterOptions
{
    public string EncodingsPath { get; init; } = Path.Combine("encodings", "encodings.msgpack");
    public string OutputPath { get; init; } = Path.Combine("results", "default_result");
    public DbscanOptions Dbscan { get; init; } = new();
    public LinkMode Link { get; init; } = LinkMode.Copy;
    public bool Overwrite { get; init; }

    /// <summary>Only clusters.csv and the summary: no folders, no photos, no montages.</summary>
    public bool NoImages { get; init; }

    /// <summary>Seed of the montage draw.</summary>
    public int MontageSeed { get; init; } = 42;
}
