using FaceClustering.Core.Clustering;
using FaceClustering.Core.Export;

namespace FaceClustering.Core.Cluster;

/// <summary>Everything the cluster command needs, in one place; each value is checked where it is set.</summary>
public sealed record ClusterOptions
{
    /// <summary>DBSCAN's eps and Chinese whispers' link distance by default: the original script's value.</summary>
    public const double OriginalEps = 0.5;

    /// <summary>One encodings file, or the shards of one library (encode --shard), read as one input.</summary>
    public IReadOnlyList<string> EncodingsPaths
    {
        get;
        init => field = value.Count == 0
            ? throw new OptionException(Setting.Encodings, null, $"is missing; give the encodings file that encode wrote")
            : value.Select(p => PathOption.Checked(Setting.Encodings, p, "encodings/encodings.msgpack")).ToList();
    } = [Path.Combine("encodings", "encodings.msgpack")];

    public string OutputPath { get; init => field = PathOption.Checked(Setting.Output, value, "results/mine"); } = Path.Combine("results", "default_result");

    public ClusteringAlgorithm Algorithm { get; init; } = ClusteringAlgorithm.AverageLinkage;

    /// <summary>
    /// The distance that decides (Euclidean): average linkage's threshold, DBSCAN's eps, Chinese whispers' link
    /// distance. Null: the algorithm's default (<see cref="DefaultThreshold"/>).
    /// </summary>
    public double? Threshold
    {
        get;
        init => field = value is not { } t || (t > 0 && double.IsFinite(t)) ? value
            : throw new OptionException(Setting.Threshold, t, $"must be a positive number");
    }

    /// <summary>DBSCAN's min-samples: neighbours, the face itself included, that make a core point.</summary>
    public int MinSamples
    {
        get;
        init => field = value >= 1 ? value : throw new OptionException(Setting.MinSamples, value, $"must be at least 1");
    } = 5;

    /// <summary>Faces whose box's shorter side is below this many pixels are left out (noise); 0 keeps every face.</summary>
    public int MinFaceSize
    {
        get;
        init => field = value >= 0 ? value : throw new OptionException(Setting.MinFaceSize, value, $"must be 0 or more pixels");
    }

    /// <summary>Worker threads for clustering and export; -1 means every core.</summary>
    public int Jobs { get; init => field = Core.Jobs.Checked(value); } = Core.Jobs.EveryCore;

    public int EffectiveJobs => Core.Jobs.Effective(Jobs);

    public double EffectiveThreshold => Threshold ?? DefaultThreshold(Algorithm);

    public static double DefaultThreshold(ClusteringAlgorithm algorithm) =>
        algorithm == ClusteringAlgorithm.AverageLinkage ? AverageLinkageOptions.DefaultThreshold : OriginalEps;

    /// <summary>Let two faces of one photo share a cluster (off by default: they are two people).</summary>
    public bool AllowSamePhoto { get; init; }

    /// <summary>A path,identity CSV to score the clusters against.</summary>
    public string? TruthPath { get; init => field = PathOption.CheckedOrNull(Setting.Truth, value, "truth.csv"); }
    public LinkMode Link { get; init; } = LinkMode.Copy;
    public bool Overwrite { get; init; }

    /// <summary>Only clusters.csv and the summary: no folders, no photos, no montages.</summary>
    public bool NoImages { get; init; }

    /// <summary>
    /// The people file, read and written so that people keep their IDs and names from run to run; null: people.json
    /// beside the first encodings file.
    /// </summary>
    public string? PeoplePath { get; init => field = PathOption.CheckedOrNull(Setting.People, value, "people.json"); }

    /// <summary>No people file: clusters are numbered afresh, as the original script does.</summary>
    public bool NoPeople
    {
        get;
        init
        {
            field = value;
            RefuseSidecarsWithoutPeople();
        }
    }

    /// <summary>The curation file (read when it exists); null: curation.txt beside the people file.</summary>
    public string? CurationPath { get; init => field = PathOption.CheckedOrNull(Setting.Curation, value, "curation.txt"); }

    /// <summary>Folders named after people (the default), or the original script's label&lt;N&gt;.</summary>
    public ResultsLayout Layout { get; init; } = ResultsLayout.People;

    public string EffectivePeoplePath => PeoplePath ??
        Path.Combine(Path.GetDirectoryName(EncodingsPaths[0]) is { Length: > 0 } folder ? folder : ".", People.PeopleFile.DefaultName);

    public string EffectiveCurationPath => CurationPath ??
        Path.Combine(Path.GetDirectoryName(EffectivePeoplePath) is { Length: > 0 } folder ? folder : ".", People.CurationFile.DefaultName);

    /// <summary>XMP sidecars with the face regions and names of each photo: none, in the results, or beside the photos.</summary>
    public SidecarPlace Xmp
    {
        get;
        init
        {
            field = value;
            RefuseSidecarsWithoutPeople();
        }
    }

    /// <summary>
    /// Place photos wherever the encodings say they are; by default only regular files under a dataset folder the
    /// encodings record are read, copied or linked (an encodings file may come from elsewhere).
    /// </summary>
    public bool AllowOutsideDataset { get; init; }

    /// <summary>When another run is writing the same results folder or people file: wait for it (else refuse at once).</summary>
    public bool Wait { get; init; }

    /// <summary>Seed of the montage draw.</summary>
    public int MontageSeed { get; init; } = 42;

    public DbscanOptions Dbscan => new() { Eps = EffectiveThreshold, MinSamples = MinSamples, Jobs = Jobs };

    public AverageLinkageOptions Linkage => new() { Threshold = EffectiveThreshold, Jobs = Jobs };

    // Checked by both setters, so the rule holds in whichever order they are set.
    private void RefuseSidecarsWithoutPeople()
    {
        if (Xmp != SidecarPlace.None && NoPeople)
            throw new OptionException(Setting.Xmp, null, $"names the people of the people file: it cannot go with {Setting.NoPeople}");
    }
}
