using FaceClustering.Core.Clustering;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.Export;
using FaceClustering.Core.IO;
using FaceClustering.Core.People;

namespace FaceClustering.Core.Cluster;

/// <summary>
/// The cluster command: read the encodings, group the faces, carry the people over from the people file, export
/// folders, montages, clusters.csv and changes.jsonl, and save the people file.
/// </summary>
public static class ClusterRun
{
    /// <summary>How many missing photos a summary lists by name.</summary>
    public const int MissingPhotosListed = 5;

    /// <param name="progress">Stage, work done and work in all, for long runs.</param>
    /// <param name="cancel">Stops the run between stages and between clusters; the previous results and people file stay.</param>
    public static ClusterSummary Execute(ClusterOptions options, Action<string, long, long>? progress = null, Action<string>? log = null,
        CancellationToken cancel = default)
    {
        // One writer per results folder and per people file: two runs at once would lose one run's people.
        using var writingResults = WriterLock.Acquire(options.OutputPath, "the results folder", options.Wait, log, cancel);
        using var writingPeople = options.NoPeople ? null : WriterLock.Acquire(options.EffectivePeoplePath, "the people file", options.Wait, log, cancel);
        var truth = options.TruthPath is null ? null : TruthLabels.Load(options.TruthPath);
        var faces = FaceSet.LoadAll(options.EncodingsPaths);
        // The people file and curation are read before any work, so that a bad one stops the run with one line.
        var ledger = options.NoPeople ? null : PeopleFile.Load(options.EffectivePeoplePath);
        var (decisions, curationProblems) = options.NoPeople ? ([], []) : CurationFile.Load(options.EffectiveCurationPath);
        var notices = curationProblems.Select(p => (FormattableString)$"{p}").ToList();
        if (faces.DuplicatesDropped > 0)
            notices.Add($"{faces.DuplicatesDropped} face record(s) repeated an earlier one (same photo, same box) and were counted once");
        var labels = FaceGrouping.Group(faces, options, notices, progress);
        cancel.ThrowIfCancellationRequested();

        PeopleRun? people = null;
        var names = ClusterNames.Numbered;
        if (ledger is not null)
        {
            people = PeopleAssigner.Assign(faces, labels, ledger, decisions, Path.GetFileName(options.EffectiveCurationPath),
                options.EffectiveThreshold);
            notices.AddRange(people.Notices.Select(p => (FormattableString)$"{p}"));
            (labels, names) = Numbered(people, options.Layout);
        }

        var photos = faces.ImagePaths.Distinct(StringComparer.Ordinal).ToList();
        // Photos are read, copied or linked (and sidecars written beside them) only where they may be.
        var readsPhotos = !options.NoImages || options.Xmp != SidecarPlace.None;
        var missing = readsPhotos ? photos.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList() : [];
        var refused = readsPhotos
            ? PhotoAccess.Refused(photos.Except(missing), faces.DatasetRoots, options.AllowOutsideDataset)
            : new Dictionary<string, string>();
        foreach (var group in refused.GroupBy(r => r.Value))
            notices.Add($"{group.Count()} photo(s) named in the encodings were not read, copied or linked: {group.Key} (first: '{group.First().Key}')");
        if (refused.Values.Any(r => r == PhotoAccess.Outside || r == PhotoAccess.NoRoot))
            notices.Add($"to place photos wherever the encodings say they are, pass {Setting.AllowOutsideDataset}");
        var gone = missing.Concat(refused.Keys).ToHashSet(StringComparer.Ordinal);
        List<string> unplaced = [];
        var montages = 0;

        IEnumerable<string> inputs = photos.Concat(options.EncodingsPaths);
        if (ledger is not null) inputs = inputs.Append(options.EffectivePeoplePath).Append(options.EffectiveCurationPath);
        using (var results = ResultsFolder.Prepare(options.OutputPath, options.Overwrite, inputs))
        {
            ClusterCsvWriter.Write(Path.Combine(results.Staging, ClusterCsvWriter.FileName), faces, labels, names);
            List<ReviewItem> review = [];
            if (people is not null)
            {
                AtomicFile.Write(Path.Combine(results.Staging, ChangesFileName), stream =>
                {
                    using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
                    foreach (var change in people.Changes) writer.Write(change.ToJson() + "\n");
                });
                if (options.Xmp == SidecarPlace.Results)
                    XmpSidecars.Write(Path.Combine(results.Staging, XmpSidecars.FolderName), faces, people.PersonOfFace, people.Ledger, gone);
                review = ReviewList.Least(faces, people.PersonOfFace, people.Ledger, options.EffectiveThreshold, options.EffectiveJobs);
                ReviewCsvWriter.Write(Path.Combine(results.Staging, ReviewCsvWriter.FileName), faces, review, people.Ledger);
            }
            if (!options.NoImages)
            {
                var writer = new ClusterFolderWriter(faces, options.Link, new MontageBuilder(), options.MontageSeed, names);
                var members = MembersByLabel(faces, labels, gone);
                montages = members.Count;
                Parallel.ForEach(members,
                    new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveJobs, CancellationToken = cancel },
                    cluster => writer.Write(results.Staging, cluster.Key, cluster.Value));
                unplaced = writer.Unplaced.Order(StringComparer.Ordinal).ToList();
                var checks = people is null ? [] : ReviewThumbnails.Write(results.Staging, faces, review, people.Ledger, gone);
                ResultsPageWriter.Write(results.Staging, faces, labels, members.Keys.ToHashSet(), names, checks);
                if (writer.HardLinkFellBack)
                    notices.Add($"hard links were refused (different file system?); those photos were copied instead");
            }
            cancel.ThrowIfCancellationRequested();
            results.Publish();
        }
        // The people file last: a run that fails before this point leaves it as it was.
        if (people is not null)
        {
            PeopleFile.Save(options.EffectivePeoplePath, people.Ledger);
            if (options.Xmp == SidecarPlace.BesidePhotos)
            {
                var kept = XmpSidecars.Write(null, faces, people.PersonOfFace, people.Ledger, gone);
                if (kept.Count > 0)
                {
                    var listed = string.Join(", ", kept.Take(MissingPhotosListed).Select(k => $"'{k}'")) + (kept.Count > MissingPhotosListed ? ", ..." : "");
                    notices.Add($"{kept.Count} sidecar(s) already beside the photos were left as they are (not merged): {listed}");
                }
            }
        }

        var noise = labels.Count(l => l == Dbscan.Noise);
        var clusters = labels.Length == 0 ? 0 : labels.Max() + 1;
        return new ClusterSummary(faces.Count, clusters, noise, options.OutputPath, missing, unplaced, notices, montages)
        {
            Scores = truth?.Score(faces, labels),
            FaceSet = faces,
            Labels = labels,
            Names = names,
            People = people?.Summary,
            RefusedPhotos = refused,
        };
    }

    /// <summary>The file of the results that lists what happened to each person in the run.</summary>
    public const string ChangesFileName = "changes.jsonl";

    /// <summary>Cluster numbers for the run's people, in the order of their IDs; faces of nobody are noise.</summary>
    private static (int[] Labels, ClusterNames Names) Numbered(PeopleRun people, ResultsLayout layout)
    {
        var number = new Dictionary<int, int>();
        var byNumber = new Dictionary<int, Person>();
        foreach (var person in people.Ledger.People.Values)
        {
            byNumber[number.Count] = person;
            number[person.Id] = number.Count;
        }
        var labels = people.PersonOfFace.Select(id => id >= 0 && number.TryGetValue(id, out var k) ? k : Dbscan.Noise).ToArray();
        return (labels, ClusterNames.ForPeople(byNumber, layout));
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
