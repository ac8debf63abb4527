namespace FaceClustering.Core.Encodings;

/// <summary>The first map of an encodings file: what made it and when.</summary>
public sealed record EncodingsHeader(string Model, string Detector, DateTimeOffset Created)
{
    public const string FormatName = "face-encodings";

    /// <summary>The version this build writes: 2 adds each face's quality (score, size, sharpness, yaw, photo size).</summary>
    public const int CurrentVersion = 2;

    /// <summary>The oldest version this build still reads (version 1: faces without quality).</summary>
    public const int OldestReadable = 1;

    public int Version { get; init; } = CurrentVersion;

    public static EncodingsHeader Create(string model, string detector) =>
        new(model, detector, DateTimeOffset.UtcNow);
}
