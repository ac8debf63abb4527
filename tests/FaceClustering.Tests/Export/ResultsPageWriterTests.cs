using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FaceClustering.Tests.Export;

/// <summary>index.html, loaded in a real browser (Debian's headless Chromium).</summary>
public class ResultsPageWriterTests(ITestOutputHelper output) : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_page_lists_every_cluster_with_its_montage_noise_last_and_needs_no_network()
    {
        var library = PhotoLibrary.Create(_temp.Path, people: [7, 6, 5], strangers: 2, groupPhotos: 0);
        var results = _temp.Combine("results");
        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", results, "--eps", "0.5").ExitCode);
        // A name with characters that need escaping in a folder name, a URL and HTML.
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(library.EncodingsPath)!, "curation.txt"), "name 1 Zoë <Admin>\n");
        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", results, "--eps", "0.5", "--overwrite").ExitCode);
        var html = File.ReadAllText(Path.Combine(results, "index.html"));
        Assert.True(Directory.Exists(Path.Combine(results, "Zoë _Admin_ (1)")));
        Assert.Contains("<img src=\"Zo%C3%AB%20_Admin_%20%281%29/montage.jpg\"", html);
        Assert.Contains("Zo&#235; &lt;Admin&gt; (person 1) - Zo&#235; _Admin_ (1)/", html); // (HtmlEncode writes ë as &#235;)
        Assert.Contains("data-person=\"2\"", html);

        var cards = Regex.Matches(html, "data-label=\"(-?\\d+)\"").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal([0, 1, 2, -1], cards); // largest first, noise last
        Assert.Contains("<img src=\"person-2/montage.jpg\"", html);
        Assert.Contains("7 faces in 7 photos", html);
        Assert.Contains("img000.jpg", html); // example file names
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html); // nothing from the network

        Assert.SkipUnless(File.Exists(Chromium), "Debian's chromium is not installed (apt-get install chromium): the page was not rendered");
        var dom = Browser("--dump-dom", Path.Combine(results, "index.html"));
        Assert.Contains("<span id=\"rendered\" hidden=\"\">3 clusters shown</span>", dom);

        var screenshot = Path.Combine(Repository.Root, "TestResults", "results-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        Browser($"--screenshot={screenshot}", Path.Combine(results, "index.html"), "--window-size=1280,900");
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        TestContext.Current.AddAttachment("results-page.png", File.ReadAllBytes(screenshot), "image/png");
        output.WriteLine($"screenshot: {screenshot}");
    }

    private string Browser(string action, string page, params string[] extra)
    {
        var start = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     $"--user-data-dir={_temp.Combine("chromium-profile")}", action })
            start.ArgumentList.Add(arg);
        foreach (var arg in extra) start.ArgumentList.Add(arg);
        start.ArgumentList.Add(new Uri(page).AbsoluteUri);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "chromium did not finish in 60 s");
        return stdout;
    }
}
