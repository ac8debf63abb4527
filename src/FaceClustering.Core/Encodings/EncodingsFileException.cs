namespace FaceClustering.Core.Encodings;

/// <summary>An encodings file that cannot be used: the message names the file, the place in it and the problem.</summary>
public sealed class EncodingsFileException(string path, string where, FormattableString problem)
    : InputException($"encodings file '{path}': {where}: {problem}")
{
    public string FilePath { get; } = path;
    public string Where { get; } = where;
    public string Problem { get; } = problem.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
