namespace FaceClustering.Core.Pipeline;

/// <summary>Lists the photos of a dataset folder: recursive, image extensions only, in a stable order.</summary>
public static class DatasetScanner
{
    public static IReadOnlyList<string> List(string dataset)
    {
        if (File.Exists(dataset))
            throw new InputException($"dataset '{dataset}' is a file; pass the folder that holds the photos with -i");
        if (!Directory.Exists(dataset))
            throw new InputException($"dataset folder '{dataset}' does not exist; pass the folder that holds the photos with -i");

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
            MatchType = MatchType.Simple,
        };
        return Directory.EnumerateFiles(dataset, "*", options)
            .Where(p => EncodeOptions.ImageExtensions.Contains(Path.GetExtension(p)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
