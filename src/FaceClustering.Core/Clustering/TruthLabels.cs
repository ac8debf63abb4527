using System.Text;
using FaceClustering.Core.Encodings;

namespace FaceClustering.Core.Clustering;

/// <summary>
/// True identities of photos (a CSV with header <c>path,identity</c>), for scoring clusters. A label's path
/// matches a photo whose path equals it or ends with it (whole folder names), so labels may be written
/// relative to the dataset. Rows whose identity starts with '_' (such as <c>_group</c> photos) are ignored.
/// </summary>
public sealed record TruthLabels(IReadOnlyList<(string Path, string Identity)> Rows)
{
    public static TruthLabels Load(string csvPath)
    {
        if (Directory.Exists(csvPath))
            throw new InputException($"{Setting.Truth} '{csvPath}' is a folder; pass the CSV file with the header path,identity");
        if (!File.Exists(csvPath))
            throw new InputException($"{Setting.Truth} '{csvPath}' does not exist; pass a CSV with the header path,identity");
        var lines = File.ReadAllLines(csvPath);
        if (lines.Length == 0 || !lines[0].Trim().Equals("path,identity", StringComparison.OrdinalIgnoreCase))
            throw new InputException($"{Setting.Truth} '{csvPath}': the first line must be the header path,identity");
        var rows = new List<(string, string)>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var fields = SplitCsv(lines[i]);
            if (fields.Count != 2)
                throw new InputException($"{Setting.Truth} '{csvPath}' line {i + 1}: expected 2 fields (path,identity), found {fields.Count}");
            if (fields[1].StartsWith('_')) continue;
            rows.Add((fields[0], fields[1]));
        }
        return new TruthLabels(rows);
    }

    /// <summary>
    /// Scores <paramref name="labels"/> (one per face) against these identities: the face nearest the photo's
    /// centre stands for each labelled photo (the largest face where the photo's size is unknown, in version-1
    /// files); noise and photos without a face are singletons.
    /// </summary>
    public ClusteringScores Score(FaceSet faces, IReadOnlyList<int> labels)
    {
        var standing = StandingFaces(faces);
        return ClusteringScores.Compute(standing.Select(face => face < 0 ? Dbscan.Noise : labels[face]).ToList(),
            Rows.Select(r => r.Identity).ToList());
    }

    /// <summary>
    /// Per row, the face that stands for its photo: the one nearest the photo's centre (the largest where the
    /// photo's size is unknown), or -1 where no face was found in that photo.
    /// </summary>
    public int[] StandingFaces(FaceSet faces)
    {
        var largest = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < faces.Count; i++)
        {
            var path = Normalize(faces.ImagePaths[i]);
            if (!largest.TryGetValue(path, out var best) || StandsBetter(faces, i, best))
                largest[path] = i;
        }

        // Every tail of every photo path (a/b/c.jpg, b/c.jpg, c.jpg) points at the photos that end that way.
        var byTail = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var path in largest.Keys)
        {
            var parts = path.Split('/');
            for (var k = 0; k < parts.Length; k++)
            {
                var tail = string.Join('/', parts[k..]);
                if (!byTail.TryGetValue(tail, out var list)) byTail[tail] = list = [];
                list.Add(path);
            }
        }

        var standing = new int[Rows.Count];
        for (var r = 0; r < Rows.Count; r++)
        {
            var path = Rows[r].Path;
            if (!byTail.TryGetValue(Normalize(path).TrimStart('/'), out var photos))
            {
                standing[r] = -1; // no face found in that photo: a singleton when scored
                continue;
            }
            if (photos.Count > 1)
                throw new InputException($"{Setting.Truth}: '{path}' matches {photos.Count} photos ('{photos[0]}', '{photos[1]}', ...); give a longer path");
            standing[r] = largest[photos[0]];
        }
        return standing;
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    /// <summary>Face i is nearer its photo's centre than face j (or, without the photo's size, larger).</summary>
    private static bool StandsBetter(FaceSet faces, int i, int j)
    {
        if (faces.Qualities[i] is { } qi && faces.Qualities[j] is { } qj)
            return CentreDistance(faces.Boxes[i], qi) < CentreDistance(faces.Boxes[j], qj);
        return (long)faces.Boxes[i].Width * faces.Boxes[i].Height > (long)faces.Boxes[j].Width * faces.Boxes[j].Height;
    }

    private static double CentreDistance(FaceBox box, FaceQuality quality)
    {
        var dx = (box.Left + box.Right) / 2.0 - quality.PhotoWidth / 2.0;
        var dy = (box.Top + box.Bottom) / 2.0 - quality.PhotoHeight / 2.0;
        return dx * dx + dy * dy;
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString().TrimEnd('\r'));
        return fields;
    }
}
