using System.Globalization;
using System.Text;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.IO;

namespace FaceClustering.Core.Export;

/// <summary>
/// The assignments of faces to clusters: <c>clusters.csv</c> (<c>imagePath,top,right,bottom,left,cluster,person,name</c>,
/// RFC 4180 quoting; person and name empty where nobody is assigned or without a people file), to the results
/// folder or to any writer.
/// </summary>
public static class ClusterCsvWriter
{
    public const string FileName = "clusters.csv";
    public const string HeaderLine = "imagePath,top,right,bottom,left,cluster,person,name";

    /// <summary>The header of results from before people were recorded (still recognised as results).</summary>
    public const string EarlierHeaderLine = "imagePath,top,right,bottom,left,cluster";

    public static void Write(string path, FaceSet faces, IReadOnlyList<int> labels, ClusterNames names)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            Write(writer, faces, labels, names);
        });
    }

    public static void Write(TextWriter writer, FaceSet faces, IReadOnlyList<int> labels, ClusterNames names)
    {
        writer.Write(HeaderLine + "\n");
        for (var i = 0; i < faces.Count; i++)
        {
            var box = faces.Boxes[i];
            var person = names.PersonOf(labels[i]);
            writer.Write(CsvField.Quote(faces.ImagePaths[i]));
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $",{box.Top},{box.Right},{box.Bottom},{box.Left},{labels[i]},{person?.Id.ToString(CultureInfo.InvariantCulture)},"));
            writer.Write(person?.Name is { } name ? CsvField.Quote(name) : "");
            writer.Write("\n");
        }
        writer.Flush();
    }
}
