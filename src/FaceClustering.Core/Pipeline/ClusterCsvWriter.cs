using System.Globalization;
using System.Text;
using System.Text.Json;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.IO;

namespace FaceClustering.Core.Pipeline;

/// <summary>
/// The assignments of faces to clusters: <c>clusters.csv</c> (<c>imagePath,top,right,bottom,left,cluster,person,name</c>,
/// RFC 4180 quoting; person and name empty where nobody is assigned or without a people file) and, for
/// <c>--format</c>, the same as CSV or JSON on any writer.
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
            WriteCsv(writer, faces, labels, names);
        });
    }

    public static void WriteCsv(TextWriter writer, FaceSet faces, IReadOnlyList<int> labels, ClusterNames names)
    {
        writer.Write(HeaderLine + "\n");
        for (var i = 0; i < faces.Count; i++)
        {
            var box = faces.Boxes[i];
            var person = names.PersonOf(labels[i]);
            writer.Write(Quote(faces.ImagePaths[i]));
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $",{box.Top},{box.Right},{box.Bottom},{box.Left},{labels[i]},{person?.Id.ToString(CultureInfo.InvariantCulture)},"));
            writer.Write(person?.Name is { } name ? Quote(name) : "");
            writer.Write("\n");
        }
        writer.Flush();
    }

    /// <summary>
    /// <c>[{"imagePath": ..., "loc": [top, right, bottom, left], "cluster": n, "person": id or null, "name": ... or null}, ...]</c>,
    /// one face per line.
    /// </summary>
    public static void WriteJson(TextWriter writer, FaceSet faces, IReadOnlyList<int> labels, ClusterNames names)
    {
        writer.Write("[");
        for (var i = 0; i < faces.Count; i++)
        {
            var box = faces.Boxes[i];
            var person = names.PersonOf(labels[i]);
            writer.Write(i == 0 ? "\n" : ",\n");
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{{\"imagePath\":{JsonSerializer.Serialize(faces.ImagePaths[i])},\"loc\":[{box.Top},{box.Right},{box.Bottom},{box.Left}],\"cluster\":{labels[i]}," +
                $"\"person\":{(person is null ? "null" : person.Id.ToString(CultureInfo.InvariantCulture))},\"name\":{JsonSerializer.Serialize(person?.Name)}}}"));
        }
        writer.Write("\n]\n");
        writer.Flush();
    }

    /// <summary>
    /// RFC 4180 quoting, and a cell a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or
    /// a carriage return) neutralised as OWASP advises: a leading apostrophe, and the cell quoted.
    /// </summary>
    internal static string Quote(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            return "\"'" + field.Replace("\"", "\"\"") + "\"";
        return field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
    }
}
