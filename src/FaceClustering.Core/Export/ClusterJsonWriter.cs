using System.Globalization;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.IO;

namespace FaceClustering.Core.Export;

/// <summary>The assignments of faces to clusters as JSON, the same fields as <see cref="ClusterCsvWriter"/>.</summary>
public static class ClusterJsonWriter
{
    /// <summary>
    /// <c>[{"imagePath": ..., "loc": [top, right, bottom, left], "cluster": n, "person": id or null, "name": ... or null}, ...]</c>,
    /// one face per line.
    /// </summary>
    public static void Write(TextWriter writer, FaceSet faces, IReadOnlyList<int> labels, ClusterNames names)
    {
        writer.Write("[");
        for (var i = 0; i < faces.Count; i++)
        {
            var box = faces.Boxes[i];
            var person = names.PersonOf(labels[i]);
            writer.Write(i == 0 ? "\n" : ",\n");
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{{\"imagePath\":{JsonText.Quote(faces.ImagePaths[i])},\"loc\":[{box.Top},{box.Right},{box.Bottom},{box.Left}],\"cluster\":{labels[i]}," +
                $"\"person\":{(person is null ? "null" : person.Id.ToString(CultureInfo.InvariantCulture))},\"name\":{JsonText.Quote(person?.Name)}}}"));
        }
        writer.Write("\n]\n");
        writer.Flush();
    }
}
