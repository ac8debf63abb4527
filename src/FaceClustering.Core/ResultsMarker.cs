namespace FaceClustering.Core;

/// <summary>
/// The file every results folder carries: cluster replaces only folders that hold it, and encode never scans one
/// for photos (results written inside a dataset would otherwise come back as photos, montage tiles included).
/// </summary>
public static class ResultsMarker
{
    public const string FileName = ".faceclustering-results";
}
