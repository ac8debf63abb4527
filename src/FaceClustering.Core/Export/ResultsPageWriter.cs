using System.Globalization;
using System.Net;
using System.Text;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.IO;

namespace FaceClustering.Core.Export;

/// <summary>
/// Writes <c>index.html</c> into the results folder: every cluster's montage, its size, a link to its folder
/// and a few example file names, largest clusters first and noise last. One self-contained file: inline style
/// and script, only relative links to the montages beside it, nothing from the network.
/// </summary>
public static class ResultsPageWriter
{
    public const string FileName = "index.html";
    private const int Examples = 3;

    /// <summary>A face to check: its crop (relative path, or null when the photo is gone), PHOTO:N, why, and the curation line that moves it.</summary>
    public sealed record Check(string? Image, string Face, string Why, string Fix);

    public static void Write(string resultsFolder, FaceSet faces, IReadOnlyList<int> labels, IReadOnlySet<int> foldersWritten, ClusterNames names,
        IReadOnlyList<Check>? checks = null)
    {
        var groups = Enumerable.Range(0, labels.Count).GroupBy(i => labels[i])
            .Where(g => foldersWritten.Contains(g.Key))
            .OrderBy(g => g.Key < 0 ? 1 : 0).ThenByDescending(g => g.Count()).ThenBy(g => g.Key)
            .ToList();
        var clusters = groups.Count(g => g.Key >= 0);
        var noise = labels.Count(l => l < 0);

        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Face clusters</title>
            <style>
              body { font-family: system-ui, sans-serif; margin: 2em; background: #f4f4f4; color: #222; }
              h1 { margin-bottom: 0.2em; }
              .summary { color: #555; margin-bottom: 1.5em; }
              .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 1.2em; }
              .card { background: #fff; border-radius: 8px; padding: 0.8em; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
              .card img { width: 100%; height: auto; border-radius: 4px; display: block; }
              .card h2 { font-size: 1.05em; margin: 0.6em 0 0.2em; }
              .card.noise { background: #eee; }
              .files { font-size: 0.85em; color: #666; overflow-wrap: anywhere; }
              a { color: #0b5cad; }
              .checks { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 0.8em; }
              .check { display: flex; gap: 0.8em; background: #fff; border-radius: 8px; padding: 0.6em; align-items: center; }
              .check img { border-radius: 4px; flex: none; }
              code { font-size: 0.85em; background: #f0f0f0; padding: 0.1em 0.3em; overflow-wrap: anywhere; }
            </style>
            </head>
            <body>
            <h1>Face clusters</h1>

            """);
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"summary\">{WebUtility.HtmlEncode(ClusterCounts.Describe(faces.Count, clusters, noise))}.<span id=\"rendered\" hidden></span></p>\n");
        html.Append("<div class=\"grid\">\n");
        foreach (var group in groups)
        {
            var folder = Uri.EscapeDataString(names.Folder(group.Key));
            var photos = group.Select(i => faces.ImagePaths[i]).Distinct().ToList();
            var title = $"{names.Title(group.Key)} - {names.Folder(group.Key)}/";
            var examples = string.Join(", ", photos.Take(Examples).Select(p => WebUtility.HtmlEncode(Path.GetFileName(p))));
            var more = photos.Count > Examples ? $", and {photos.Count - Examples} more" : "";
            html.Append(CultureInfo.InvariantCulture, $"""
                <div class="card{(group.Key < 0 ? " noise" : " cluster")}" data-label="{group.Key}"{(names.PersonOf(group.Key) is { } person ? $" data-person=\"{person.Id}\"" : "")}>
                  <a href="{folder}/"><img src="{folder}/{ClusterFolderWriter.MontageFileName}" alt="{WebUtility.HtmlEncode(title)}" width="480" height="480"></a>
                  <h2><a href="{folder}/">{WebUtility.HtmlEncode(title)}</a></h2>
                  <div>{group.Count()} faces in {photos.Count} photos</div>
                  <div class="files">{examples}{more}</div>
                </div>

                """);
        }
        html.Append("</div>\n");
        if (checks is { Count: > 0 })
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <h2 id="check">Check these</h2>
                <p class="summary">The {checks.Count} faces whose person is least certain (nearest to someone else), surest last.
                If one is wrong, add its line to curation.txt (also in review.csv).</p>
                <div class="checks">

                """);
            foreach (var check in checks)
            {
                var image = check.Image is null ? "" : $"<img src=\"{check.Image}\" alt=\"\" width=\"96\" height=\"96\">";
                html.Append(CultureInfo.InvariantCulture, $"""
                      <div class="check">{image}<div><div class="files">{WebUtility.HtmlEncode(check.Face)}</div><div>{WebUtility.HtmlEncode(check.Why)}</div><code>{WebUtility.HtmlEncode(check.Fix)}</code></div></div>

                    """);
            }
            html.Append("</div>\n");
        }
        html.Append("""
            <script>
              // Counts what the browser rendered, so a test can check the page in a real browser.
              const shown = document.querySelectorAll('.card.cluster').length;
              document.getElementById('rendered').textContent = shown + ' clusters shown';
            </script>
            </body>
            </html>

            """);
        AtomicFile.WriteAllBytes(Path.Combine(resultsFolder, FileName), Encoding.UTF8.GetBytes(html.ToString()));
    }
}
