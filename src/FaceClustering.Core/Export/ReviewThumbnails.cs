using FaceClustering.Core.Encodings;
using FaceClustering.Core.Imaging;
using FaceClustering.Core.IO;
using FaceClustering.Core.People;

namespace FaceClustering.Core.Export;

/// <summary>The page's "check these" section: a 96-px crop of each face of the review list, in review/, and what the page says of it.</summary>
public static class ReviewThumbnails
{
    public static List<ResultsPageWriter.Check> Write(string folder, FaceSet faces, List<ReviewItem> review,
        PeopleLedger ledger, HashSet<string> gone)
    {
        var checks = new List<ResultsPageWriter.Check>();
        if (review.Count == 0) return checks;
        var thumbnails = Path.Combine(folder, "review");
        Directory.CreateDirectory(thumbnails);
        var single = new MontageBuilder(tileSize: 96, columns: 1, rows: 1);
        for (var k = 0; k < review.Count; k++)
        {
            var item = review[k];
            string? image = null;
            if (!gone.Contains(faces.ImagePaths[item.Face]))
            {
                image = $"review/{k + 1:D2}.jpg";
                using var tile = single.Build([(faces.ImagePaths[item.Face], faces.Boxes[item.Face])]);
                AtomicFile.WriteAllBytes(Path.Combine(folder, image), JpegWriter.Encode(tile, 90));
            }
            string Who(int id) => ledger.People.GetValueOrDefault(id)?.Name is { } name ? $"{name} (person {id})" : $"person {id}";
            checks.Add(new ResultsPageWriter.Check(image, item.FaceName,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{Who(item.Person)} at {item.Own:F2}; {Who(item.NextPerson)} at {item.Next:F2}"),
                item.Fix));
        }
        return checks;
    }
}
