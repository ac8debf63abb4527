using FaceClustering.Core.Clustering;

namespace FaceClustering.Core.Pipeline;

/// <summary>Everything the cluster command needs, in one place.</summary>
public sealed record ClusterOptions
{
    /// <summary>DBSCAN's eps and Chinese whispers' link distance by default: the original script's value.</summary>
    public const double OriginalEps = 0.5;

    /// <summary>One encodings file, or the shards of one library (encode --shard), read as one input.</summary>
    public IReadOnlyList<string> EncodingsPaths { get; init; } = [Path.Combine("encodings", "encodings.msgpack")];
    public string OutputPath { get; init; } = Path.Combine("results", "default_result");

    public ClusteringAlgorithm Algorithm { get; init; } = ClusteringAlgorithm.AverageLinkage;

    /// <summary>
    /// The distance that decides (Euclidean): average linkage's threshold, DBSCAN's eps, Chinese whispers' link
    /// distance. Null: the algorithm's default (<see cref="DefaultThreshold"/>).
    /// </summary>
    public double? Threshold { get; init; }

    /// <summary>DBSCAN's min-samples: neighbours, the face itself included, that make a core point.</summary>
    public int MinSamples { get; init; } = 5;

    /// <summary>Faces whose box's shorter side is below this many pixels are left out (noise); 0 keeps every face.</summary>
    public int MinFaceSize { get; init; }

    /// <summary>Worker threads for clustering and export; -1 means every core.</summary>
    public int Jobs { get; init; } = -1;

    public int EffectiveJobs => Jobs == -1 ? Environment.ProcessorCount : Jobs;

    public double EffectiveThreshold => Threshold ?? DefaultThreshold(Algorithm);

    public static double DefaultThreshold(ClusteringAlgorithm algorithm) =>
        algorithm == ClusteringAlgorithm.AverageLinkage ? AverageLinkageOptions.DefaultThreshold : OriginalEps;

    /// <summary>Let two faces of one photo share a cluster (off by default: they are two people).</summary>
    public bool AllowSamePhoto { get; init; }

    /// <summary>A path,identity CSV to score the clusters against.</summary>
    public string? TruthPath { get; init; }
    public LinkMode Link { get; init; } = LinkMode.Copy;
    public bool Overwrite { get; init; }

    /// <summary>Only clusters.csv and the summary: no folders, no photos, no montages.</summary>
    public bool NoImages { get; init; }

    /// <summary>
    /// The people file, read and written so that people keep their IDs and names from run to run; null: people.json
    /// beside the first encodings file.
    /// </summary>
    public string? PeoplePath { get; init; }

    /// <summary>No people file: clusters are numbered afresh, as the original script does.</summary>
    public bool NoPeople { get; init; }

    /// <summary>The curation file (read when it exists); null: curation.txt beside the people file.</summary>
    public string? CurationPath { get; init; }

    /// <summary>Folders named after people (the default), or the original script's label&lt;N&gt;.</summary>
    public ResultsLayout Layout { get; init; } = ResultsLayout.People;

    public string EffectivePeoplePath => PeoplePath ??
        Path.Combine(Path.GetDirectoryName(EncodingsPaths[0]) is { Length: > 0 } folder ? folder : ".", People.PeopleFile.DefaultName);

    public string EffectiveCurationPath => CurationPath ??
        Path.Combine(Path.GetDirectoryName(EffectivePeoplePath) is { Length: > 0 } folder ? folder : ".", People.CurationFile.DefaultName);

    /// <summary>Write an XMP sidecar with the face regions of each photo, under the results' xmp/ folder.</summary>
    public bool Xmp { get; init; }

    /// <summary>With <see cref="Xmp"/>: beside the photos instead (never over a sidecar already there).</summary>
    public bool XmpBesidePhotos { get; init; }

    /// <summary>Seed of the montage draw.</summary>
    public int MontageSeed { get; init; } = 42;

    public DbscanOptions Dbscan => new() { Eps = EffectiveThreshold, MinSamples = MinSamples, Jobs = Jobs };

    public AverageLinkageOptions Linkage => new() { Threshold = EffectiveThreshold, Jobs = Jobs };

    /// <summary>Checks every value once, where the options are made; throws <see cref="ArgumentOutOfRangeException"/> naming the one at fault.</summary>
    public void Validate()
    {
        if (Threshold is { } t && (!(t > 0) || !double.IsFinite(t)))
            throw new ArgumentOutOfRangeException(nameof(Threshold), t, "the threshold must be a positive number");
        if (MinFaceSize < 0)
            throw new ArgumentOutOfRangeException(nameof(MinFaceSize), MinFaceSize, "the minimum face size must be 0 or more pixels");
        if (Xmp && NoPeople)
            throw new ArgumentOutOfRangeException(nameof(Xmp), Xmp, "XMP sidecars name people: they need the people file");
        if (XmpBesidePhotos && !Xmp)
            throw new ArgumentOutOfRangeException(nameof(XmpBesidePhotos), XmpBesidePhotos, "sidecars beside the photos are written only with XMP on");
        if (MinSamples < 1)
            throw new ArgumentOutOfRangeException(nameof(MinSamples), MinSamples, "min-samples must be at least 1");
        if (Jobs == 0 || Jobs < -1)
            throw new ArgumentOutOfRangeException(nameof(Jobs), Jobs, "jobs must be -1 (all cores) or a positive number");
    }
}
