using System.Text.RegularExpressions;
using FaceClustering.Tests.TestSupport;

namespace FaceClustering.Tests;

/// <summary>
/// The house rules, checked on the sources: each folder of Core says in its README what it may use, and uses
/// nothing else of Core; Core's strings never name a command-line flag (the command lines word Core's settings);
/// the test folders mirror Core's.
/// </summary>
public class LayoutTests
{
    private static readonly string Core = Path.Combine(Repository.Root, "src", "FaceClustering.Core");

    private static IEnumerable<string> Folders() =>
        Directory.GetDirectories(Core).Select(Path.GetFileName).Where(n => n is not ("bin" or "obj")).Order(StringComparer.Ordinal)!;

    private static IEnumerable<string> Sources(string folder) =>
        Directory.GetFiles(Path.Combine(Core, folder), "*.cs", SearchOption.AllDirectories);

    [Fact]
    public void Each_core_folder_uses_only_what_its_readme_allows()
    {
        var folders = Folders().ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Encode", folders);
        Assert.Contains("Export", folders);
        var broken = new List<string>();
        foreach (var folder in folders)
        {
            var readme = Path.Combine(Core, folder, "README.md");
            Assert.True(File.Exists(readme), $"{folder}/ has no README.md saying what it owns and what it may use");
            var line = File.ReadLines(readme).SingleOrDefault(l => l.StartsWith("May use:", StringComparison.Ordinal));
            Assert.True(line is not null, $"{folder}/README.md has no 'May use:' line");
            var allowed = Regex.Matches(line!, @"\b[A-Z][A-Za-z]+\b").Select(m => m.Value).Where(folders.Contains).ToHashSet();
            foreach (var file in Sources(folder))
            {
                var text = File.ReadAllText(file);
                var used = Regex.Matches(text, @"FaceClustering\.Core\.([A-Z][A-Za-z]+)").Select(m => m.Groups[1].Value)
                    .Concat(Regex.Matches(text, @"(?<![\w.])Core\.([A-Z][A-Za-z]+)\.").Select(m => m.Groups[1].Value))
                    .Where(folders.Contains).Distinct();
                foreach (var other in used.Where(u => u != folder && !allowed.Contains(u)))
                    broken.Add($"{Path.GetRelativePath(Core, file)} uses {other}/, which {folder}/README.md does not allow");
            }
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public void Core_never_names_a_command_line_flag()
    {
        var flags = new[] { EncodeCommand.InProcess("--help").Stdout, ClusterCommand.InProcess("--help").Stdout }
            .SelectMany(help => Regex.Matches(help, @"(?<![\w-])(--?[a-z][a-z0-9-]*)").Select(m => m.Groups[1].Value))
            .Where(f => f is not ("--help" or "-h" or "--version" or "-?"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("--overwrite", flags);
        Assert.Contains("-e", flags);
        var found = new List<string>();
        foreach (var file in Folders().SelectMany(Sources).Concat(Directory.GetFiles(Core, "*.cs")))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (line.TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
                foreach (Match literal in Regex.Matches(line, "\"(?:[^\"\\\\]|\\\\.)*\""))
                foreach (Match flag in Regex.Matches(literal.Value, @"(?<![\w-])(--?[a-z][a-z0-9-]*)"))
                    if (flags.Contains(flag.Groups[1].Value))
                        found.Add($"{Path.GetRelativePath(Core, file)}:{number}: {flag.Groups[1].Value} in {literal.Value}");
            }
        }
        Assert.True(found.Count == 0, "Core names settings (FaceClustering.Core.Setting), the command lines word them:\n" + string.Join("\n", found));
    }

    [Fact]
    public void Test_folders_mirror_core_folders()
    {
        var tests = Path.Combine(Repository.Root, "tests", "FaceClustering.Tests");
        var core = Folders().ToHashSet(StringComparer.Ordinal);
        // Besides Core's folders: the command lines' shared code, the whole tools run as a user runs them, helpers.
        var others = new HashSet<string>(StringComparer.Ordinal) { "Shared", "EndToEnd", "TestSupport", "Fixtures", "bin", "obj", "TestResults" };
        var strays = Directory.GetDirectories(tests).Select(Path.GetFileName).Where(n => !core.Contains(n!) && !others.Contains(n!)).ToList();
        Assert.True(strays.Count == 0, $"test folders with no Core folder of that name: {string.Join(", ", strays)}");
    }
}
