using System.Globalization;
using System.Security;
using System.Text;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.IO;
using FaceClustering.Core.Imaging;
using FaceClustering.Core.People;

namespace FaceClustering.Core.Export;

/// <summary>
/// One XMP sidecar per photo (<c>photo.jpg.xmp</c>, as digiKam names them) with a Metadata Working Group face
/// region (<c>mwg-rs:Regions</c>) for each face of a person, named where the person has a name, for digiKam,
/// Lightroom, Immich and PhotoPrism to import. Written under the results (the photos' paths relative to the folder
/// they all share), or beside the photos when asked, and then never over a sidecar that another program wrote
/// (one this tool wrote on an earlier run says so, and is replaced).
/// </summary>
public static class XmpSidecars
{
    public const string FolderName = "xmp";

    /// <summary>Writes the sidecars; returns the sidecars left alone because one was already there (beside the photos only).</summary>
    /// <param name="folder">Where the sidecars go, mirroring the photos' paths; null: beside each photo.</param>
    public static List<string> Write(string? folder, FaceSet faces, int[] person, PeopleLedger ledger, IReadOnlySet<string> missing)
    {
        var kept = new List<string>();
        var byPhoto = Enumerable.Range(0, faces.Count).Where(i => person[i] >= 0 && ledger.People.ContainsKey(person[i]))
            .GroupBy(i => faces.ImagePaths[i]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var root = CommonFolder(byPhoto.Select(g => Path.GetFullPath(g.Key)).ToList());
        foreach (var photo in byPhoto)
        {
            var size = PhotoSize(faces, photo.First(), missing);
            if (size is not var (width, height)) continue;
            var full = Path.GetFullPath(photo.Key);
            var sidecar = folder is null ? full + ".xmp" : Path.Combine(folder, Path.GetRelativePath(root, full) + ".xmp");
            if (folder is null && File.Exists(sidecar) && !MadeHere(sidecar))
            {
                kept.Add(sidecar);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(sidecar)!);
            AtomicFile.WriteAllBytes(sidecar, Encoding.UTF8.GetBytes(Document(faces, photo.OrderBy(i => faces.Boxes[i].Left).ToList(), person, ledger, width, height)));
        }
        return kept;
    }

    private const string Toolkit = "x:xmptk=\"FaceClustering\"";

    /// <summary>A sidecar this tool wrote on an earlier run (it may be replaced; anyone else's may not).</summary>
    private static bool MadeHere(string sidecar)
    {
        try
        {
            using var reader = new StreamReader(sidecar);
            var head = new char[512];
            var read = reader.ReadBlock(head, 0, head.Length);
            return new string(head, 0, read).Contains(Toolkit, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static (int Width, int Height)? PhotoSize(FaceSet faces, int face, IReadOnlySet<string> missing)
    {
        if (faces.Qualities[face] is { PhotoWidth: > 0, PhotoHeight: > 0 } q) return (q.PhotoWidth, q.PhotoHeight);
        if (missing.Contains(faces.ImagePaths[face])) return null;
        using var image = PhotoReader.TryRead(faces.ImagePaths[face]); // format version 1 records no photo size
        return image is null ? null : (image.Width, image.Height);
    }

    private static string Document(FaceSet faces, List<int> photoFaces, int[] person, PeopleLedger ledger, int width, int height)
    {
        var xml = new StringBuilder();
        xml.Append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
        xml.Append($"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" {Toolkit}>\n");
        xml.Append(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
        xml.Append("  <rdf:Description rdf:about=\"\"\n");
        xml.Append("    xmlns:mwg-rs=\"http://www.metadataworkinggroup.com/schemas/regions/\"\n");
        xml.Append("    xmlns:stDim=\"http://ns.adobe.com/xap/1.0/sType/Dimensions#\"\n");
        xml.Append("    xmlns:stArea=\"http://ns.adobe.com/xmp/sType/Area#\">\n");
        xml.Append("   <mwg-rs:Regions rdf:parseType=\"Resource\">\n");
        xml.Append(CultureInfo.InvariantCulture, $"    <mwg-rs:AppliedToDimensions stDim:w=\"{width}\" stDim:h=\"{height}\" stDim:unit=\"pixel\"/>\n");
        xml.Append("    <mwg-rs:RegionList>\n     <rdf:Bag>\n");
        foreach (var face in photoFaces)
        {
            var box = faces.Boxes[face];
            var p = ledger.People[person[face]];
            // MWG areas: the centre and the size, as fractions of the photo.
            double x = (box.Left + box.Right) / 2.0 / width, y = (box.Top + box.Bottom) / 2.0 / height;
            double w = (double)(box.Right - box.Left) / width, h = (double)(box.Bottom - box.Top) / height;
            var name = p.Name is { } n ? $" mwg-rs:Name=\"{SecurityElement.Escape(n)}\"" : "";
            xml.Append(string.Create(CultureInfo.InvariantCulture,
                $"      <rdf:li>\n       <rdf:Description{name} mwg-rs:Type=\"Face\" mwg-rs:Description=\"person {p.Id}\">\n" +
                $"        <mwg-rs:Area stArea:x=\"{x:0.######}\" stArea:y=\"{y:0.######}\" stArea:w=\"{w:0.######}\" stArea:h=\"{h:0.######}\" stArea:unit=\"normalized\"/>\n" +
                $"       </rdf:Description>\n      </rdf:li>\n"));
        }
        xml.Append("     </rdf:Bag>\n    </mwg-rs:RegionList>\n   </mwg-rs:Regions>\n  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n");
        xml.Append("<?xpacket end=\"w\"?>\n");
        return xml.ToString();
    }

    /// <summary>The deepest folder that holds every photo.</summary>
    private static string CommonFolder(List<string> photos)
    {
        if (photos.Count == 0) return Path.GetTempPath();
        var common = Path.GetDirectoryName(photos[0])!;
        foreach (var photo in photos)
            while (!(photo.StartsWith(common + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.GetDirectoryName(photo) == common))
                common = Path.GetDirectoryName(common) ?? common;
        return common;
    }
}
