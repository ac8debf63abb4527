namespace FaceClustering.Core.Encodings;

/// <summary>
/// Every face of an encodings file in flat arrays: one row of <see cref="FaceRecord.EncodingLength"/> floats
/// per face, so a million faces cost their vectors and little else.
/// </summary>
public sealed class FaceSet
{
    private FaceSet(EncodingsHeader header, string[] paths, FaceBox[] boxes, float[] vectors, FaceQuality?[] qualities)
    {
        Header = header;
        ImagePaths = paths;
        Boxes = boxes;
        Vectors = vectors;
        Qualities = qualities;
    }

    public EncodingsHeader Header { get; }

    /// <summary>
    /// Records left out because an earlier one named the same photo and box (a file given twice under two names, a
    /// shard merged twice): each face counts once.
    /// </summary>
    public int DuplicatesDropped { get; private init; }

    /// <summary>Per encodings file read, the dataset folder its header records (null where it records none).</summary>
    public IReadOnlyList<string?> DatasetRoots { get; private init; } = [];
    public IReadOnlyList<string> ImagePaths { get; }
    public IReadOnlyList<FaceBox> Boxes { get; }

    /// <summary>Per face, what the encoder saw of it; null for faces of version-1 files (unknown quality).</summary>
    public IReadOnlyList<FaceQuality?> Qualities { get; }

    /// <summary>Row-major embeddings, <see cref="Dimension"/> values per face.</summary>
    public float[] Vectors { get; }

    public int Dimension => FaceRecord.EncodingLength;
    public int Count => Boxes.Count;

    public ReadOnlySpan<float> Vector(int face) => new(Vectors, face * Dimension, Dimension);

    /// <summary>The yaw in degrees of each of these faces, in their order; NaN where the file records no quality.</summary>
    public float[] Yaws(IReadOnlyList<int> faces)
    {
        var yaws = new float[faces.Count];
        for (var r = 0; r < yaws.Length; r++) yaws[r] = Qualities[faces[r]]?.Yaw ?? float.NaN;
        return yaws;
    }

    public static FaceSet Load(string path)
    {
        using var reader = EncodingsReader.Open(path);
        return FromRecords(reader.Header, reader.ReadAll());
    }

    /// <summary>
    /// Several encodings files (the shards of one library) as one set, in the order given. Shards made with
    /// different embedding models are refused: their descriptors cannot be compared.
    /// </summary>
    public static FaceSet LoadAll(IReadOnlyList<string> paths)
    {
        var twice = paths.GroupBy(Path.GetFullPath).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new InputException($"the encodings file '{twice.First()}' is given {twice.Count()} times; each face would count as several");
        if (paths.Count == 1) return Load(paths[0]);
        var readers = new List<EncodingsReader>();
        try
        {
            foreach (var path in paths) readers.Add(EncodingsReader.Open(path));
            var first = readers[0].Header;
            for (var i = 1; i < readers.Count; i++)
                if (readers[i].Header.Model != first.Model)
                    throw new InputException(
                        $"shards made with different models cannot be clustered together: '{paths[0]}' uses '{first.Model}', ",
                        $"'{paths[i]}' uses '{readers[i].Header.Model}'; encode them again with one model");
            return FromRecords(first, readers.SelectMany(r => r.ReadAll()), readers.Select(r => r.Header.DatasetRoot).ToList());
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
    }

    /// <param name="roots">Per file read, its dataset folder; by default the one <paramref name="header"/> records.</param>
    public static FaceSet FromRecords(EncodingsHeader header, IEnumerable<FaceRecord> records, IReadOnlyList<string?>? roots = null)
    {
        var paths = new List<string>();
        var boxes = new List<FaceBox>();
        var vectors = new List<float>();
        var qualities = new List<FaceQuality?>();
        var interned = new Dictionary<string, string>(StringComparer.Ordinal); // many faces share a photo
        var seen = new HashSet<(string, FaceBox)>();
        var duplicates = 0;
        foreach (var record in records)
        {
            if (!seen.Add((record.ImagePath, record.Box)))
            {
                duplicates++;
                continue;
            }
            if (!interned.TryGetValue(record.ImagePath, out var imagePath))
                interned.Add(record.ImagePath, imagePath = record.ImagePath);
            paths.Add(imagePath);
            boxes.Add(record.Box);
            vectors.AddRange(record.Encoding);
            qualities.Add(record.Quality);
        }
        return new FaceSet(header, paths.ToArray(), boxes.ToArray(), vectors.ToArray(), qualities.ToArray()) { DatasetRoots = roots ?? [header.DatasetRoot], DuplicatesDropped = duplicates };
    }
}
