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

    private static string? SharedDataset(string name) =>
        Shared is { } shared && Directory.Exists(Path.Combine(shared, "datasets", name)) ? Path.Combine(shared, "datasets", name) : null;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FaceClustering.sln"))) return dir.FullName;
        throw new InvalidOperationException("the tests do not run inside the repository");
    }
}
