using FaceClustering.Core.Clustering;
using FaceClustering.Core.Encodings;

namespace FaceClustering.Core.People;

/// <summary>What a run did to the people: each face's person (or -1), the changes, and lines for the user.</summary>
public sealed record PeopleRun(int[] PersonOfFace, PeopleLedger Ledger, IReadOnlyList<PersonChange> Changes, IReadOnlyList<string> Notices)
{
    /// <summary>One line for stderr, such as "2 new people, 11 faces joined 4 people, 1 merge from curation.txt".</summary>
    public string Summary { get; init; } = "";
}

/// <summary>
/// Carries people from one run to the next. A face the people file already assigns keeps its person (and so its
/// ID and name); the others are placed with the help of this run's clustering of all faces:
/// <list type="number">
/// <item>a new face in a cluster whose known faces are mostly one person's joins that person;</item>
/// <item>a cluster of new faces only joins the nearest person known before this run when its faces lie within
///   the threshold of that person's prototypes on average, and otherwise becomes a new person (a new ID, never one
///   used before);</item>
/// <item>a new face the clustering left alone joins the nearest person known before this run within the threshold,
///   or stays unassigned.</item>
/// </list>
/// People made in this run are exactly the clustering's clusters: on a first run the people are the clusters,
/// face for face, so the clustering's measured quality is what the user gets.
/// So creating a person takes a cluster (two or more faces that pass the clustering's own rules), joining one a
/// single close face: the stricter rule creates, the looser one joins, as Immich and PhotoPrism do. A face never
/// joins a person who already has a face of its photo. Then the curation file's decisions are applied, and they
/// win; a person left without faces is retired and its ID is never given again.
/// </summary>
public static class PeopleAssigner
{
    /// <summary>Prototypes kept per person.</summary>
    public const int Prototypes = 16;

    /// <summary>How much stricter than the threshold a curated <c>split</c> re-clusters a person.</summary>
    public const double SplitTighter = 0.1;

    public static PeopleRun Assign(FaceSet faces, int[] clusters, PeopleLedger ledger, IReadOnlyList<CurationDecision> decisions,
        string curationName, double threshold)
    {
        var n = faces.Count;
        var notices = new List<string>();
        var changes = new List<PersonChange>();
        var before = ledger.People.Values.ToDictionary(p => p.Id, p => (Faces: p.Faces.ToHashSet(), p.Name));
        var index = new Dictionary<FaceKey, int>();
        for (var i = 0; i < n; i++) index.TryAdd(FaceKey.Of(faces, i), i);

        // 1. Known faces keep their person.
        var person = new int[n];
        Array.Fill(person, -1);
        foreach (var p in ledger.People.Values)
            foreach (var key in p.Faces)
                if (index.TryGetValue(key, out var i)) person[i] = p.Id;

        // 2. Curation that takes faces away, before anything joins.
        var resolver = new FaceResolver(faces);
        var ignored = new HashSet<int>();
        var forbidden = new HashSet<(int Face, int Id)>();
        foreach (var decision in decisions)
        {
            switch (decision)
            {
                case CurationDecision.Ignore ignore:
                    foreach (var i in resolver.Resolve(ignore.Face, curationName, ignore.Line, notices)) ignored.Add(i);
                    break;
                case CurationDecision.Not not:
                    if (!ledger.Known(not.Id)) { notices.Add($"{curationName}:{not.Line}: no person {not.Id}; the line is ignored"); break; }
                    foreach (var i in resolver.Resolve(not.Face, curationName, not.Line, notices)) forbidden.Add((i, not.Id));
                    break;
            }
        }
        for (var i = 0; i < n; i++)
            if (ignored.Contains(i) || person[i] >= 0 && forbidden.Contains((i, person[i])))
                person[i] = -1;

        // 3. New faces: through this run's clusters, then alone.
        var photosOf = new Dictionary<int, HashSet<string>>();
        for (var i = 0; i < n; i++)
            if (person[i] >= 0) PhotosOf(person[i]).Add(faces.ImagePaths[i]);
        // Only the people known before this run take new faces by distance: the clusters this run makes are exactly
        // the clustering's (on a first run the people are the clusters, face for face).
        var facesOf = FacesByPerson(person);
        var known = ledger.People.Keys.Where(facesOf.ContainsKey)
            .ToDictionary(id => id, id => Summary.Of(faces, PrototypesOf(faces, facesOf[id])));
        var joined = new HashSet<int>(); // people that new faces joined
        var joinedFaces = 0;
        var created = 0;
        var leftover = new List<int>();
        foreach (var cluster in Enumerable.Range(0, n).Where(i => clusters[i] >= 0).GroupBy(i => clusters[i]).OrderBy(g => g.Key))
        {
            var members = cluster.ToList();
            var fresh = members.Where(i => person[i] < 0 && !ignored.Contains(i)).ToList();
            if (fresh.Count == 0) continue;
            var majority = members.Where(i => person[i] >= 0).GroupBy(i => person[i])
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).FirstOrDefault()?.Key;
            var target = majority ?? Nearest(faces, fresh, known, threshold);
            if (target is { } id)
            {
                foreach (var i in fresh)
                    if (!Join(i, id)) leftover.Add(i);
            }
            else if (fresh.Count >= 2)
            {
                var p = ledger.Create();
                created++;
                foreach (var i in fresh) Join(i, p.Id, counted: false);
            }
            else leftover.AddRange(fresh);
        }
        leftover.AddRange(Enumerable.Range(0, n).Where(i => clusters[i] < 0 && person[i] < 0 && !ignored.Contains(i)));
        foreach (var i in leftover.Distinct().Order())
            if (person[i] < 0 && !ledger.Unassigned.Contains(FaceKey.Of(faces, i)) && Nearest(faces, [i], known, threshold) is { } id)
                Join(i, id); // (a face nobody took last time is not offered again: the same input changes nothing)

        // 4. Curation that moves, merges, splits and names: it wins over everything above.
        var merges = 0;
        foreach (var decision in decisions)
        {
            switch (decision)
            {
                case CurationDecision.Move move:
                    if (!ledger.People.ContainsKey(move.Id)) { notices.Add($"{curationName}:{move.Line}: no person {move.Id}{RetiredNote(ledger, move.Id)}; the line is ignored"); break; }
                    foreach (var i in resolver.Resolve(move.Face, curationName, move.Line, notices))
                    {
                        if (person[i] == move.Id) continue;
                        person[i] = move.Id;
                        ignored.Remove(i);
                        changes.Add(new PersonChange("moved", move.Id) { Face = resolver.Describe(i), Line = move.Line });
                    }
                    break;
                case CurationDecision.Merge merge:
                    if (!ledger.People.ContainsKey(merge.Into)) { notices.Add($"{curationName}:{merge.Line}: no person {merge.Into}{RetiredNote(ledger, merge.Into)}; the line is ignored"); break; }
                    if (!ledger.People.ContainsKey(merge.From))
                    {
                        if (!ledger.Retired.Contains(merge.From)) notices.Add($"{curationName}:{merge.Line}: no person {merge.From}; the line is ignored");
                        break; // (retired: merged on an earlier run)
                    }
                    for (var i = 0; i < n; i++)
                        if (person[i] == merge.From) person[i] = merge.Into;
                    var from = ledger.People[merge.From];
                    ledger.People[merge.Into].Name ??= from.Name;
                    ledger.Retire(merge.From);
                    merges++;
                    changes.Add(new PersonChange("merged", merge.Into) { From = merge.From, Line = merge.Line });
                    break;
                case CurationDecision.Split split:
                    if (!ledger.People.ContainsKey(split.Id)) { notices.Add($"{curationName}:{split.Line}: no person {split.Id}{RetiredNote(ledger, split.Id)}; the line is ignored"); break; }
                    if (!ledger.Split.Add(split.Id)) break; // applied on an earlier run
                    foreach (var part in Split(faces, person, split.Id, threshold - SplitTighter))
                    {
                        var p = ledger.Create();
                        foreach (var i in part) person[i] = p.Id;
                        ledger.Split.Add(p.Id);
                        changes.Add(new PersonChange("split", p.Id) { From = split.Id, Faces = part.Count, Line = split.Line });
                    }
                    break;
                case CurationDecision.Name name:
                    if (!ledger.People.TryGetValue(name.Id, out var named)) { notices.Add($"{curationName}:{name.Line}: no person {name.Id}{RetiredNote(ledger, name.Id)}; the line is ignored"); break; }
                    named.Name = name.Text;
                    break;
            }
        }

        // 5. The people as they now stand; those left without faces are retired.
        foreach (var p in ledger.People.Values) p.Faces.Clear();
        ledger.Unassigned.Clear();
        for (var i = 0; i < n; i++)
            if (person[i] >= 0 && ledger.People.TryGetValue(person[i], out var p)) p.Faces.Add(FaceKey.Of(faces, i));
            else ledger.Unassigned.Add(FaceKey.Of(faces, i));
        foreach (var id in ledger.People.Where(kv => kv.Value.Faces.Count == 0).Select(kv => kv.Key).ToList())
        {
            ledger.Retire(id);
            changes.Add(new PersonChange("retired", id));
        }
        facesOf = FacesByPerson(person);
        foreach (var p in ledger.People.Values)
            p.Prototypes = PrototypesOf(faces, facesOf.GetValueOrDefault(p.Id) ?? []).Select(i => FaceKey.Of(faces, i)).ToList();

        // 6. What changed, person by person.
        foreach (var p in ledger.People.Values)
        {
            if (!before.TryGetValue(p.Id, out var was))
            {
                if (!changes.Any(c => c.Change == "split" && c.Person == p.Id))
                    changes.Add(new PersonChange("new", p.Id) { Faces = p.Faces.Count, Name = p.Name });
                continue;
            }
            var added = p.Faces.Count(f => !was.Faces.Contains(f));
            var removed = was.Faces.Count(f => !p.Faces.Contains(f));
            if (added > 0) changes.Add(new PersonChange("grew", p.Id) { Faces = p.Faces.Count, Added = added });
            if (removed > 0) changes.Add(new PersonChange("shrank", p.Id) { Faces = p.Faces.Count, Removed = removed });
            if (p.Name != was.Name) changes.Add(new PersonChange("renamed", p.Id) { Name = p.Name, Was = was.Name });
        }
        changes.Sort((a, b) => (a.Person, Order(a.Change)).CompareTo((b.Person, Order(b.Change))));

        var parts = new List<string>();
        if (created > 0) parts.Add(Count(created, "new person", "new people"));
        if (joinedFaces > 0) parts.Add($"{Count(joinedFaces, "face", "faces")} joined {Count(joined.Count, "person", "people")}");
        if (merges > 0) parts.Add($"{Count(merges, "merge", "merges")} from {curationName}");
        var retired = changes.Count(c => c.Change == "retired");
        if (retired > 0) parts.Add($"{Count(retired, "person", "people")} retired");
        var summary = parts.Count == 0 ? "no change to the people" : string.Join(", ", parts);
        return new PeopleRun(person, ledger, changes, notices) { Summary = summary };

        HashSet<string> PhotosOf(int id) => photosOf.TryGetValue(id, out var set) ? set : photosOf[id] = new HashSet<string>(StringComparer.Ordinal);

        bool Join(int face, int id, bool counted = true)
        {
            if (forbidden.Contains((face, id)) || !PhotosOf(id).Add(faces.ImagePaths[face])) return false;
            person[face] = id;
            if (counted)
            {
                joined.Add(id);
                joinedFaces++;
            }
            return true;
        }
    }

    private static int Order(string change) => Array.IndexOf(["new", "split", "merged", "grew", "shrank", "moved", "renamed", "retired"], change);

    private static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";

    private static string RetiredNote(PeopleLedger ledger, int id) => ledger.Retired.Contains(id) ? " (retired)" : "";

    /// <summary>A person's prototypes as their mean c and spread s = mean |p - c|²: then the mean squared distance
    /// of a face x to the prototypes is exactly |x - c|² + s, one distance instead of 16.</summary>
    private sealed record Summary(double[] Centre, double Spread)
    {
        public static Summary Of(FaceSet faces, List<int> prototypes)
        {
            var centre = new double[faces.Dimension];
            foreach (var p in prototypes)
            {
                var v = faces.Vector(p);
                for (var k = 0; k < centre.Length; k++) centre[k] += v[k];
            }
            for (var k = 0; k < centre.Length; k++) centre[k] /= Math.Max(1, prototypes.Count);
            var spread = prototypes.Count == 0 ? 0 : prototypes.Average(p => VectorDistance.Squared(faces.Vector(p), centre));
            return new Summary(centre, spread);
        }
    }

    /// <summary>The person nearest to the faces on average over its prototypes, if within the threshold.</summary>
    private static int? Nearest(FaceSet faces, IReadOnlyList<int> group, Dictionary<int, Summary> people, double threshold)
    {
        int? best = null;
        var bestDistance = threshold * threshold;
        foreach (var (id, summary) in people.OrderBy(kv => kv.Key))
        {
            var mean = summary.Spread;
            foreach (var g in group) mean += VectorDistance.Squared(faces.Vector(g), summary.Centre) / group.Count;
            if (mean < bestDistance) (best, bestDistance) = (id, mean);
        }
        return best;
    }

    private static Dictionary<int, List<int>> FacesByPerson(int[] person)
    {
        var result = new Dictionary<int, List<int>>();
        for (var i = 0; i < person.Length; i++)
        {
            if (person[i] < 0) continue;
            if (!result.TryGetValue(person[i], out var list)) result.Add(person[i], list = []);
            list.Add(i);
        }
        return result;
    }

    /// <summary>
    /// Up to <see cref="Prototypes"/> of a person's faces, spread over them: the face nearest their mean first,
    /// then each time the face farthest from those chosen (ties by index, so the choice is repeatable).
    /// </summary>
    private static List<int> PrototypesOf(FaceSet faces, List<int> own)
    {
        if (own.Count <= Prototypes) return own;
        var mean = new double[faces.Dimension];
        foreach (var i in own)
        {
            var v = faces.Vector(i);
            for (var k = 0; k < mean.Length; k++) mean[k] += v[k] / own.Count;
        }
        var chosen = new List<int> { own.MinBy(i => VectorDistance.Squared(faces.Vector(i), mean)) };
        var nearest = own.Select(i => VectorDistance.Squared(faces.Vector(i), faces.Vector(chosen[0]))).ToArray();
        while (chosen.Count < Prototypes)
        {
            var far = 0;
            for (var k = 1; k < own.Count; k++)
                if (nearest[k] > nearest[far]) far = k;
            chosen.Add(own[far]);
            for (var k = 0; k < own.Count; k++) nearest[k] = Math.Min(nearest[k], VectorDistance.Squared(faces.Vector(own[k]), faces.Vector(own[far])));
        }
        return chosen;
    }

    /// <summary>A person's faces re-clustered at a stricter threshold: every group but the largest (which keeps the ID).</summary>
    private static List<List<int>> Split(FaceSet faces, int[] person, int id, double threshold)
    {
        var own = Enumerable.Range(0, person.Length).Where(i => person[i] == id).ToArray();
        if (own.Length < 2 || threshold <= 0) return [];
        var vectors = new float[own.Length * faces.Dimension];
        for (var r = 0; r < own.Length; r++) faces.Vector(own[r]).CopyTo(vectors.AsSpan(r * faces.Dimension));
        var labels = AverageLinkage.Fit(vectors, faces.Dimension, new AverageLinkageOptions { Threshold = threshold, Jobs = 1 },
            yaws: faces.Yaws(own));
        var groups = Enumerable.Range(0, own.Length).Where(r => labels[r] >= 0).GroupBy(r => labels[r])
            .Select(g => g.Select(r => own[r]).ToList()).OrderByDescending(g => g.Count).ThenBy(g => g[0]).ToList();
        return groups.Skip(1).ToList();
    }
}
