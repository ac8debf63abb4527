using System.Globalization;
using System.Text;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.IO;

namespace FaceClustering.Core.Pipeline;

/// <summary>Writes <c>clusters.csv</c>: <c>imagePath,top,right,bottom,left,cluster</c>, one row per face (RFC 4180 quoting).</summary>
public static class ClusterCsvWriter
{
    public const string FileName = "clusters.csv";
    public const string HeaderLine = "imagePath,top,right,bottom,left,cluster";

    public static void Write(string path, FaceSet faces, IReadOnlyList<int> labels)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine(HeaderLine);
            for (var i = 0; i < faces.Count; i++)
            {
                var box = faces.Boxes[i];
                writer.Write(Quote(faces.ImagePaths[i]));
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $",{box.Top},{box.Right},{box.Bottom},{box.Left},{labels[i]}"));
                writer.WriteLine();
            }
        });
    }

    internal static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
