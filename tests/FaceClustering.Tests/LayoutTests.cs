using System.Text.RegularExpressions;

namespace FaceClustering.Tests;

/// <summary>
/// The house rules, checked on the sources: each folder of Core says in its README what it may use, and uses
/// nothing else of Core; Core's strings never name a command-line flag (the command lines word Core's settings);
/// the test folders mirror Core's, and each source file with behaviour has a test file named for it, in the mirrored folder.
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

    /// <summary>
    /// A file has behaviour when it holds a method, constructor or operator with a body (a line whose parameter list
    /// closes into <c>{</c> or <c>=&gt;</c>, the declarations of types aside); records, enums and interfaces without
    /// one hold only data.
    /// </summary>
    private static bool HasBehaviour(string file)
    {
        var lines = File.ReadAllLines(file).Select(l => Regex.Replace(l, "//.*", "")).ToArray();
        var declaration = new Regex(@"\b(record|class|struct|interface|enum)\b");
        var statement = new Regex(@"^\s*(if|for|foreach|while|using|lock|switch|catch|fixed)\b");
        for (var i = 0; i < lines.Length; i++)
        {
            if (declaration.IsMatch(lines[i]) || statement.IsMatch(lines[i])) continue;
            if (Regex.IsMatch(lines[i], @"\)\s*(\{|=>)")) return true;
            if (Regex.IsMatch(lines[i], @"\)\s*$") && i + 1 < lines.Length && lines[i + 1].Trim() == "{") return true;
        }
        return false;
    }

    [Fact]
    public void Each_source_file_with_behaviour_has_a_test_file_in_the_mirrored_folder()
    {
        var tests = Path.Combine(Repository.Root, "tests", "FaceClustering.Tests");
        var testFiles = Directory.GetFiles(tests, "*Tests.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .ToLookup(f => Path.GetFileNameWithoutExtension(f)[..^"Tests".Length],
                f => Path.GetRelativePath(tests, Path.GetDirectoryName(f)!) is var folder && folder == "." ? "" : folder.Replace('\\', '/'));
        // Where each project's classes are tested: Core's by folder, the command lines' and their shared code by project.
        var projects = new Dictionary<string, Func<string, string>>
        {
            ["FaceClustering.Core"] = folder => folder,
            ["Shared"] = _ => "Shared",
            ["FaceClustering.Cluster"] = _ => "Cluster",
            ["FaceClustering.Encode"] = _ => "Encode",
        };
        var missing = new List<string>();
        var checkedFiles = 0;
        foreach (var (project, testFolder) in projects)
        {
            var root = Path.Combine(Repository.Root, "src", project);
            foreach (var file in Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file);
                if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) || !HasBehaviour(file)) continue;
                checkedFiles++;
                var name = Path.GetFileNameWithoutExtension(file);
                var want = testFolder(Path.GetDirectoryName(relative)!.Replace('\\', '/'));
                if (!testFiles[name].Contains(want))
                    missing.Add($"src/{project}/{relative.Replace('\\', '/')}: no {name}Tests.cs in tests/FaceClustering.Tests/{want}");
            }
        }
        Assert.True(checkedFiles > 100, $"only {checkedFiles} source files seen: the rule no longer finds them");
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void The_behaviour_rule_tells_code_from_data()
    {
        using var folder = new TempFolder();
        var data = folder.Combine("Data.cs");
        File.WriteAllText(data, "public sealed record FaceBox(int Top, int Right)\n{\n    public int Width => Right - Top;\n}\npublic enum Mode { A, B }\n");
        var code = folder.Combine("Code.cs");
        File.WriteAllText(code, "public static class Sum\n{\n    public static int Of(int a, int b)\n    {\n        return a + b;\n    }\n}\n");
        var lambda = folder.Combine("Lambda.cs");
        File.WriteAllText(lambda, "public static class Twice\n{\n    public static int Of(int a) => 2 * a;\n}\n");
        Assert.False(HasBehaviour(data));
        Assert.True(HasBehaviour(code));
        Assert.True(HasBehaviour(lambda));
    }
}
