using System.CommandLine;
using System.Globalization;
using FaceClustering.CommandLine;
using FaceClustering.Core.Cluster;
using FaceClustering.Core.Clustering;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.Export;
using FaceClustering.Core;

namespace FaceClustering.Cluster;

/// <summary>The <c>cluster</c> command line: wires options to <see cref="ClusterRun"/> and reports the outcome.</summary>
public static class ClusterCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, interactive: false, CancellationToken.None);

    /// <param name="interactive">stderr is a terminal: draw a progress bar.</param>
    /// <param name="cancel">Ctrl+C or SIGTERM: the results being built are removed, the previous ones stay.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken cancel)
    {
        var defaults = new ClusterOptions();
        var encodings = new Option<string[]>("--encodings", "-e")
        {
            Description = "Encodings file written by encode; repeat it to cluster the shards of one library (encode --shard) together",
            DefaultValueFactory = _ => [.. defaults.EncodingsPaths],
        };
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Worker threads for clustering and export; -1 uses every core",
            DefaultValueFactory = _ => defaults.Jobs,
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Results folder: a folder per person with photos and montage.jpg, clusters.csv, changes.jsonl and index.html",
            DefaultValueFactory = _ => defaults.OutputPath,
        };
        var threshold = new Option<string?>("--threshold", "--eps")
        {
            Description = $"The distance (Euclidean) that decides: groups merge below it on average (average-linkage, default " +
                          $"{ClusterOptions.DefaultThreshold(ClusteringAlgorithm.AverageLinkage).ToString(CultureInfo.InvariantCulture)}), " +
                          $"faces within it are neighbours (dbscan's eps) or linked (chinese-whispers), default " +
                          $"{ClusterOptions.OriginalEps.ToString(CultureInfo.InvariantCulture)} for both",
        };
        var minSamples = new Option<int>("--min-samples")
        {
            Description = "dbscan: neighbours, the face itself included, that make a face a core point of a cluster",
            DefaultValueFactory = _ => defaults.MinSamples,
        };
        var minFaceSize = new Option<int>("--min-face-size")
        {
            Description = "Leave out faces whose box is smaller than this many pixels on its shorter side (they become noise); 0 keeps every face",
            DefaultValueFactory = _ => defaults.MinFaceSize,
        };
        var overwrite = new Option<bool>("--overwrite")
        {
            Description = "Replace an existing non-empty output folder",
        };
        var link = new Option<string>("--link")
        {
            Description = "How photos are placed in cluster folders: copy, hard (hard link) or symbolic (symbolic link)",
            DefaultValueFactory = _ => "copy",
        };
        link.AcceptOnlyFromAmong("copy", "hard", "symbolic");
        var noImages = new Option<bool>("--no-images")
        {
            Description = "Write only clusters.csv and the summary (no folders, photos or montages)",
        };
        var algorithm = new Option<string>("--algorithm")
        {
            Description = "average-linkage (groups merge closest first while their average distance is under the threshold; " +
                          "never two faces of one photo), dbscan (exact, as the original script) or chinese-whispers (dlib's)",
            DefaultValueFactory = _ => AlgorithmNames[defaults.Algorithm],
        };
        algorithm.AcceptOnlyFromAmong([.. AlgorithmNames.Values]);
        var allowSamePhoto = new Option<bool>("--allow-same-photo")
        {
            Description = "Let two faces of one photo share a cluster (by default they are two people)",
        };
        var truth = new Option<string?>("--truth")
        {
            Description = "CSV with the header path,identity: score the clusters (pairwise and BCubed precision/recall/F, NMI)",
        };
        var format = new Option<string?>("--format")
        {
            Description = "Print the assignments (imagePath, box, cluster of every face) to stdout as csv or json; " +
                          "the summary then goes to stderr",
        };
        format.AcceptOnlyFromAmong("csv", "json");
        var people = new Option<string?>("--people")
        {
            Description = "People file, read and written so that people keep their IDs and names from run to run " +
                          "(default: people.json beside the first encodings file)",
        };
        var noPeople = new Option<bool>("--no-people")
        {
            Description = "No people file: number the clusters afresh, as the original script",
        };
        var curation = new Option<string?>("--curation")
        {
            Description = "Curation file, one decision a line: name ID Some Name | merge ID ID | move PHOTO[:N] ID | not PHOTO[:N] ID | " +
                          "ignore PHOTO[:N] | split ID (default: curation.txt beside the people file, read if it exists)",
        };
        var layout = new Option<string>("--layout")
        {
            Description = "people: folders named after each person (name, or person-ID; unassigned faces in unknown/); " +
                          "original: the original script's label<N> folders",
            DefaultValueFactory = _ => "people",
        };
        layout.AcceptOnlyFromAmong("people", "original");
        var xmp = new Option<bool>("--xmp")
        {
            Description = "Write an XMP sidecar per photo with its face regions and names (Metadata Working Group regions), under the results' xmp/ folder",
        };
        var xmpBeside = new Option<bool>("--xmp-beside-photos")
        {
            Description = "With --xmp: write the sidecars beside the photos instead (photo.jpg.xmp; one already there is left as it is)",
        };
        var allowOutside = new Option<bool>("--allow-outside-dataset")
        {
            Description = "Read, copy and link photos wherever the encodings say they are; by default only regular files under " +
                          "the dataset folder the encodings record are (an encodings file may come from elsewhere)",
        };
        var wait = new Option<bool>("--wait")
        {
            Description = "When another cluster run is writing the same results folder or people file, wait for it (by default: exit 2 at once)",
        };
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "No progress output (errors and the summary still print)",
        };

        threshold.Validators.Add(r =>
        {
            // Only the parse of the text is the command line's: whether a number is usable, the options record says.
            if (!TryGet<string?>(r, out var v) || v is null || ParseNumber(v) is not null) return;
            var option = r.IdentifierToken?.Value ?? "--threshold";
            r.AddError(v == "auto"
                ? $"{option} auto is no longer offered (its knee rule made one cluster of crowded libraries); give a number, or leave it out for the algorithm's default"
                : $"{option} must be a positive number (got {v})");
        });

        var root = new RootCommand("Group the faces of an encodings file into people, and write one folder per person.")
        {
            encodings, jobs, output, threshold, minSamples, minFaceSize, overwrite, link, noImages, algorithm, allowSamePhoto, truth, format,
            people, noPeople, curation, layout, xmp, xmpBeside, allowOutside, wait, quiet,
        };

        var exitCode = CommandLineHost.ExitOk;
        root.SetAction(parsed =>
        {
            // Each value is checked as the options record takes it; a value no run can use ends here with one line.
            var options = new ClusterOptions
            {
                EncodingsPaths = parsed.GetValue(encodings)!,
                OutputPath = parsed.GetValue(output)!,
                Algorithm = AlgorithmNames.Single(a => a.Value == parsed.GetValue(algorithm)).Key,
                Threshold = parsed.GetValue(threshold) is { } t ? ParseNumber(t) : null,
                MinSamples = parsed.GetValue(minSamples),
                MinFaceSize = parsed.GetValue(minFaceSize),
                Jobs = parsed.GetValue(jobs),
                AllowSamePhoto = parsed.GetValue(allowSamePhoto),
                TruthPath = parsed.GetValue(truth),
                Link = Enum.Parse<LinkMode>(parsed.GetValue(link)!, ignoreCase: true),
                Overwrite = parsed.GetValue(overwrite),
                NoImages = parsed.GetValue(noImages),
                PeoplePath = parsed.GetValue(people),
                NoPeople = parsed.GetValue(noPeople),
                CurationPath = parsed.GetValue(curation),
                Layout = parsed.GetValue(layout) == "original" ? ResultsLayout.Original : ResultsLayout.People,
                Xmp = parsed.GetValue(xmpBeside) ? SidecarPlace.BesidePhotos : parsed.GetValue(xmp) ? SidecarPlace.Results : SidecarPlace.None,
                AllowOutsideDataset = parsed.GetValue(allowOutside),
                Wait = parsed.GetValue(wait),
            };
            var progress = new ProgressPrinter(stderr, interactive, parsed.GetValue(quiet), "faces");
            exitCode = Execute(options, parsed.GetValue(format), stdout, stderr, progress, cancel);
        });

        return CommandLineHost.Run("cluster", root, args, stdout, stderr, () => exitCode,
            new CommandLineHost.Wording("could not write the results",
                () => "interrupted; the results folder and the people file are as they were"));
    }

    private static int Execute(ClusterOptions options, string? format, TextWriter stdout, TextWriter stderr, ProgressPrinter progress,
        CancellationToken cancel)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var stage = "";
        var summary = ClusterRun.Execute(options, (name, done, total) =>
        {
            if (name != stage) (stage, watch) = (name, System.Diagnostics.Stopwatch.StartNew());
            progress.Report(name, done, total, watch.Elapsed);
        }, line => stderr.WriteLine($"cluster: {line}"), cancel);

        if (summary.MissingPhotos.Count > 0)
            stderr.WriteLine($"cluster: {summary.MissingPhotos.Count} photo(s) named in the encodings no longer exist and were skipped: " +
                             FirstFew(summary.MissingPhotos.Select(p => $"'{p}'").ToList()));
        if (summary.UnplacedPhotos.Count > 0)
            stderr.WriteLine($"cluster: {summary.UnplacedPhotos.Count} photo(s) could not be placed in their cluster folder: " +
                             FirstFew(summary.UnplacedPhotos));
        foreach (var notice in summary.Notices)
            stderr.WriteLine($"cluster: {SettingText.Render(notice, OptionNames.Flag)}");
        if (summary.People is { } people) stderr.WriteLine($"cluster: people: {people}");

        // With --format the assignments own stdout, so a pipeline can read them; the summary moves to stderr.
        var report = format is null ? stdout : stderr;
        if (format == "csv") ClusterCsvWriter.Write(stdout, summary.FaceSet, summary.Labels, summary.Names);
        if (format == "json") ClusterJsonWriter.Write(stdout, summary.FaceSet, summary.Labels, summary.Names);
        report.WriteLine(summary.ToString());
        if (summary.Scores is { } scores) report.WriteLine(scores.ToString());
        return summary.SkippedPhotos ? CommandLineHost.ExitSkipped : CommandLineHost.ExitOk;
    }

    private static readonly Dictionary<ClusteringAlgorithm, string> AlgorithmNames = new()
    {
        [ClusteringAlgorithm.AverageLinkage] = "average-linkage",
        [ClusteringAlgorithm.Dbscan] = "dbscan",
        [ClusteringAlgorithm.ChineseWhispers] = "chinese-whispers",
    };

    private static double? ParseNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The option's value, or false when it did not parse (that error is already reported).</summary>
    private static bool TryGet<T>(System.CommandLine.Parsing.OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    private static string FirstFew(IReadOnlyList<string> items) =>
        string.Join(", ", items.Take(ClusterRun.MissingPhotosListed)) +
        (items.Count > ClusterRun.MissingPhotosListed ? ", ..." : "");
}
