using FaceClustering.Core.Clustering;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.Imaging;
using FaceClustering.Core.IO;
using FaceClustering.Core.People;

namespace FaceClustering.Core.Pipeline;

/// <summary>
/// The cluster command: read the encodings, group the faces, carry the people over from the people file, export
/// folders, montages, clusters.csv and changes.jsonl, and save the people file.
/// </summary>
public static class ClusterRun
{
    /// <summary>How many missing photos a summary lists by name.</summary>
    public const int MissingPhotosListed = 5;

    /// <param name="progress">Stage, work done and work in all, for long runs.</param>
    public static ClusterSummary Execute(ClusterOptions options, Action<string, long, long>? progress = null)
    {
        options.Validate();
        var truth = options.TruthPath is null ? null : TruthLabels.Load(options.TruthPath);
        var faces = FaceSet.LoadAll(options.EncodingsPaths);
        // The people file and curation are read before any work, so that a bad one stops the run with one line.
        var ledger = options.NoPeople ? null : PeopleFile.Load(options.EffectivePeoplePath);
        var (decisions, curationProblems) = options.NoPeople ? ([], []) : CurationFile.Load(options.EffectiveCurationPath);
        var notices = new List<string>(curationProblems);
        var labels = Group(faces, options, notices, progress);

        PeopleRun? people = null;
        var names = ClusterNames.Numbered;
        if (ledger is not null)
        {
            people = PeopleAssigner.Assign(faces, labels, ledger, decisions, Path.GetFileName(options.EffectiveCurationPath),
                options.EffectiveThreshold);
            notices.AddRange(people.Notices);
            (labels, names) = Numbered(people, options.Layout);
        }

        var photos = faces.ImagePaths.Distinct(StringComparer.Ordinal).ToList();
        var missing = options.NoImages ? [] : photos.Where(p => !File.Exists(p)).ToList();
        var gone = missing.ToHashSet(StringComparer.Ordinal);
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
                if (options.Xmp && !options.XmpBesidePhotos)
                    XmpSidecars.Write(Path.Combine(results.Staging, XmpSidecars.FolderName), faces, people.PersonOfFace, people.Ledger, gone);
                review = ReviewList.Least(faces, people.PersonOfFace, people.Ledger, options.EffectiveThreshold, options.EffectiveJobs);
                ReviewList.Write(Path.Combine(results.Staging, ReviewList.FileName), faces, review, people.Ledger);
            }
            if (!options.NoImages)
            {
                var writer = new ClusterFolderWriter(faces, options.Link, new MontageBuilder(), options.MontageSeed, names);
                var members = MembersByLabel(faces, labels, gone);
                montages = members.Count;
                Parallel.ForEach(members,
                    new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveJobs },
                    cluster => writer.Write(results.Staging, cluster.Key, cluster.Value));
                unplaced = writer.Unplaced.Order(StringComparer.Ordinal).ToList();
                var checks = people is null ? [] : ReviewThumbnails(results.Staging, faces, review, people.Ledger, gone);
                ResultsPageWriter.Write(results.Staging, faces, labels, members.Keys.ToHashSet(), names, checks);
                if (writer.HardLinkFellBack)
                    notices.Add("hard links were refused (different file system?); those photos were copied instead");
            }
            results.Publish();
        }
        // The people file last: a run that fails before this point leaves it as it was.
        if (people is not null)
        {
            PeopleFile.Save(options.EffectivePeoplePath, people.Ledger);
            if (options.Xmp && options.XmpBesidePhotos)
            {
                var kept = XmpSidecars.Write(null, faces, people.PersonOfFace, people.Ledger, gone);
                if (kept.Count > 0)
                    notices.Add($"{kept.Count} sidecar(s) already beside the photos were left as they are (not merged): " +
                                string.Join(", ", kept.Take(MissingPhotosListed).Select(k => $"'{k}'")) + (kept.Count > MissingPhotosListed ? ", ..." : ""));
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
        };
    }

    /// <summary>A 96-px crop of each face to check, in review/, and what the page says of it.</summary>
    private static List<ResultsPageWriter.Check> ReviewThumbnails(string folder, FaceSet faces, List<ReviewItem> review,
        PeopleLedger ledger, HashSet<string> gone)
    {
        var checks = new List<ResultsPageWriter.Check>();
        if (review.Count == 0) return checks;
        var thumbnails = Path.Combine(folder, "review");
        Directory.CreateDirectory(thumbnails);
        var single = new MontageBuilder(tileSize: 96, columns: 1, rows: 1);
        for (var k = 0; k < review.Count; k++)
        {
            var item = review[k];
            string? image = null;
            if (!gone.Contains(faces.ImagePaths[item.Face]))
            {
                image = $"review/{k + 1:D2}.jpg";
                using var tile = single.Build([(faces.ImagePaths[item.Face], faces.Boxes[item.Face])]);
                AtomicFile.WriteAllBytes(Path.Combine(folder, image), JpegWriter.Encode(tile, 90));
            }
            string Who(int id) => ledger.People.GetValueOrDefault(id)?.Name is { } name ? $"{name} (person {id})" : $"person {id}";
            checks.Add(new ResultsPageWriter.Check(image, item.FaceName,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{Who(item.Person)} at {item.Own:F2}; {Who(item.NextPerson)} at {item.Next:F2}"),
                item.Fix));
        }
        return checks;
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

    /// <summary>Labels from the chosen algorithm, with the same-photo rule applied as asked; faces smaller than the minimum size are noise.</summary>
    public static int[] Group(FaceSet faces, ClusterOptions options, List<string> notices, Action<string, long, long>? progress = null)
    {
        options.Validate();
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
                options.AllowSamePhoto ? null : PhotoIds(faces, included), progress);
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
