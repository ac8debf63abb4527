using System.Text;

namespace FaceClustering.Core.Encode;

/// <summary>
/// A deterministic 1/N share of a library for one of N machines (<c>encode --shard K/N</c>, K from 1): a photo
/// belongs to the shard its path (relative to the dataset, with '/' separators) hashes to, with 64-bit FNV-1a,
/// so every machine agrees without talking to the others, and adding photos does not move the others.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out var k) && int.TryParse(parts[1], out var n) && n >= 1 && k >= 1 && k <= n)
            return new Shard(k, n);
        throw new InputException($"{Setting.Shard} {text}: expected K/N with 1 <= K <= N, for example {Setting.Shard} 2/8");
    }

    public bool Contains(string relativePath) => Hash(relativePath.Replace('\\', '/')) % (ulong)Count == (ulong)(Index - 1);

    public IReadOnlyList<string> Select(IReadOnlyList<string> photos, string? root)
    {
        if (Count == 1) return photos;
        var shard = this;
        return photos.Where(p => shard.Contains(root is null ? p : Path.GetRelativePath(root, p))).ToList();
    }

    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    public override string ToString() => $"{Index}/{Count}";
}
