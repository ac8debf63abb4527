namespace FaceClustering.Tests.TestSupport;

/// <summary>Paths of the repository the tests were built from, and of ../shared beside it.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shared folder beside the repository (datasets, notes), or null when absent.</summary>
    public static string? Shared =>
        Directory.Exists(Path.Combine(Root, "..", "shared")) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : null;

    public static string? DevDataset => SharedDataset("dev");

    /// <summary>The LFW tune split (2,547 labelled photos), or null when absent.</summary>
    public static string? LfwTuneDataset => SharedDataset("lfw-tune");

    /// <summary>
    /// The JPEG-named files of the dev set and, the first <paramref name="lfwLimit"/> by name, of the LFW tune split;
    /// the test is skipped when neither is present.
    /// </summary>
    public static List<string> SharedJpegs(int lfwLimit = int.MaxValue)
    {
        var sets = new[] { DevDataset, LfwTuneDataset }.Where(s => s is not null).ToList();
        Assert.SkipWhen(sets.Count == 0, "../shared/datasets (dev, lfw-tune) is not present beside the repository");
        return sets.SelectMany(s => Directory.EnumerateFiles(s!, "*.jp*g", SearchOption.AllDirectories).Order()
            .Take(s == DevDataset ? int.MaxValue : lfwLimit)).ToList();
    }

    private static string? SharedDataset(string name) =>
        Shared is { } shared && Directory.Exists(Path.Combine(shared, "datasets", name)) ? Path.Combine(shared, "datasets", name) : null;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FaceClustering.sln"))) return dir.FullName;
        throw new InvalidOperationException("the tests do not run inside the repository");
    }
}
