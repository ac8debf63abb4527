using FaceClustering.Core.Encodings;
using FaceClustering.Core.Imaging;
using FaceClustering.Core.IO;

namespace FaceClustering.Core.Export;

/// <summary>
/// Writes one cluster's folder (named by <see cref="ClusterNames"/>): every photo with a face in the
/// cluster, placed once, with name clashes resolved by numbering, and <c>montage.jpg</c>.
/// </summary>
public sealed class ClusterFolderWriter(FaceSet faces, LinkMode link, MontageBuilder montage, int montageSeed, ClusterNames names)
{
    public const string MontageFileName = "montage.jpg";

    private int _hardLinkRefused;
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _unplaced = [];

    /// <summary>Photos that could not be copied or linked (unreadable, vanished meanwhile), with the reason.</summary>
    public IReadOnlyCollection<string> Unplaced => _unplaced;

    /// <summary>True once a hard link was refused and the photo was copied instead.</summary>
    public bool HardLinkFellBack => Volatile.Read(ref _hardLinkRefused) != 0;

    /// <param name="members">The cluster's faces (indices into the face set) whose photos exist, in index order.</param>
    public void Write(string resultsFolder, int label, IReadOnlyList<int> members)
    {
        var folder = Path.Combine(resultsFolder, names.Folder(label));
        Directory.CreateDirectory(folder);

        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { MontageFileName };
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var face in members)
        {
            var photo = faces.ImagePaths[face];
            if (!placed.Add(photo)) continue;
            var name = UniqueName(Path.GetFileName(photo), taken);
            try
            {
                Place(photo, Path.Combine(folder, name));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _unplaced.Add($"'{photo}' ({e.Message})");
            }
        }

        var chosen = montage.ChooseFaces(members, unchecked(montageSeed * 1_000_003 + label) & int.MaxValue);
        using var image = montage.Build(chosen.Select(f => (faces.ImagePaths[f], faces.Boxes[f])));
        AtomicFile.WriteAllBytes(Path.Combine(folder, MontageFileName), JpegWriter.Encode(image, 90));
    }

    private void Place(string photo, string destination)
    {
        switch (link)
        {
            case LinkMode.Symbolic:
                File.CreateSymbolicLink(destination, Path.GetFullPath(photo));
                break;
            case LinkMode.Hard:
                if (!HardLink.TryCreate(photo, destination))
                {
                    Interlocked.Exchange(ref _hardLinkRefused, 1);
                    AtomicFile.Copy(photo, destination);
                }
                break;
            default:
                AtomicFile.Copy(photo, destination);
                break;
        }
    }

    private static string UniqueName(string fileName, HashSet<string> taken)
    {
        if (taken.Add(fileName)) return fileName;
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var extension = Path.GetExtension(fileName);
        for (var n = 2; ; n++)
        {
            var candidate = $"{stem}_{n}{extension}";
            if (taken.Add(candidate)) return candidate;
        }
    }
}
