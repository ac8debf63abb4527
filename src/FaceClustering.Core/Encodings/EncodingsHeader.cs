namespace FaceClustering.Core.Encodings;

/// <summary>The first map of an encodings file: what made it and when.</summary>
public sealed record EncodingsHeader(string Model, string Detector, DateTimeOffset Created)
{
    public const string FormatName = "face-encodings";

    /// <summary>The major version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public static EncodingsHeader Create(string model, string detector) =>
        new(model, detector, DateTimeOffset.UtcNow);
}
