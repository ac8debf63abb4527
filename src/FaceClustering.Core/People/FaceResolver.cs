using FaceClustering.Core.Encodings;

namespace FaceClustering.Core.People;

/// <summary>Finds the faces a curation line names: PHOTO (every face of it) or PHOTO:N (its N-th face from the left).</summary>
internal sealed class FaceResolver
{
    private readonly Dictionary<string, List<int>> _byPhoto = new(StringComparer.Ordinal);
    private readonly FaceSet _faces;

    public FaceResolver(FaceSet faces)
    {
        _faces = faces;
        for (var i = 0; i < faces.Count; i++)
        {
            if (!_byPhoto.TryGetValue(faces.ImagePaths[i], out var list)) _byPhoto.Add(faces.ImagePaths[i], list = []);
            list.Add(i);
        }
        foreach (var list in _byPhoto.Values)
            list.Sort((a, b) => (faces.Boxes[a].Left, faces.Boxes[a].Top, a).CompareTo((faces.Boxes[b].Left, faces.Boxes[b].Top, b)));
    }

    public IReadOnlyList<int> Resolve(FaceRef face, string file, int line, List<string> notices)
    {
        if (!_byPhoto.TryGetValue(face.Photo, out var list))
        {
            notices.Add($"{file}:{line}: no photo '{face.Photo}' in the encodings (give the path as clusters.csv shows it); the line is ignored");
            return [];
        }
        if (face.Number is not { } n) return list;
        if (n <= list.Count) return [list[n - 1]];
        notices.Add($"{file}:{line}: '{face.Photo}' has {list.Count} face(s), not {n}; the line is ignored");
        return [];
    }

    /// <summary>PHOTO:N for a face.</summary>
    public string Describe(int face) => $"{_faces.ImagePaths[face]}:{_byPhoto[_faces.ImagePaths[face]].IndexOf(face) + 1}";
}
