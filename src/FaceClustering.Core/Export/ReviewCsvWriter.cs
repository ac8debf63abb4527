using System.Globalization;
using System.Text;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.IO;
using FaceClustering.Core.People;

namespace FaceClustering.Core.Export;

/// <summary><c>review.csv</c>: the faces of <see cref="ReviewList"/>, each with its margin and the curation line that would move it.</summary>
public static class ReviewCsvWriter
{
    public const string FileName = "review.csv";
    public const string HeaderLine = "imagePath,face,top,right,bottom,left,person,name,distance,nextPerson,nextName,nextDistance,margin,fix";

    public static void Write(string path, FaceSet faces, IReadOnlyList<ReviewItem> items, PeopleLedger ledger)
    {
        var text = new StringBuilder(HeaderLine + "\n");
        foreach (var item in items)
        {
            var box = faces.Boxes[item.Face];
            var number = item.FaceName[(item.FaceName.LastIndexOf(':') + 1)..];
            text.Append(CsvField.Quote(faces.ImagePaths[item.Face]));
            text.Append(CultureInfo.InvariantCulture, $",{number},{box.Top},{box.Right},{box.Bottom},{box.Left},{item.Person},");
            text.Append(CsvField.Quote(ledger.People[item.Person].Name ?? ""));
            text.Append(CultureInfo.InvariantCulture, $",{item.Own:F4},{item.NextPerson},");
            text.Append(CsvField.Quote(ledger.People.GetValueOrDefault(item.NextPerson)?.Name ?? ""));
            text.Append(CultureInfo.InvariantCulture, $",{item.Next:F4},{item.Margin:F4},");
            text.Append(CsvField.Quote(item.Fix));
            text.Append('\n');
        }
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(text.ToString()));
    }
}
