using MessagePack;

namespace FaceClustering.Core.Encodings;

/// <summary>
/// The first map of an encodings file (and of its journal and index): what made it and when, the folder its photos
/// were found in, and the settings that shaped its faces.
/// </summary>
public sealed record EncodingsHeader(string Model, string Detector, DateTimeOffset Created)
{
    public const string FormatName = "face-encodings";

    /// <summary>The version this build writes: 2 adds each face's quality (score, size, sharpness, yaw, photo size).</summary>
    public const int CurrentVersion = 2;

    /// <summary>The oldest version this build still reads (version 1: faces without quality).</summary>
    public const int OldestReadable = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>
    /// The folder (absolute) encode found the photos in, or the deepest folder holding every photo it was given:
    /// cluster places only photos under it. Null in files made before it was recorded.
    /// </summary>
    public string? DatasetRoot { get; init; }

    /// <summary>The settings that shape the faces; null in files made before they were recorded.</summary>
    public EncodeSettings? Settings { get; init; }

    public static EncodingsHeader Create(string model, string detector, string? datasetRoot = null, EncodeSettings? settings = null) =>
        new(model, detector, DateTimeOffset.UtcNow) { DatasetRoot = datasetRoot, Settings = settings };

    /// <summary>How many header keys <see cref="WriteOptional"/> writes.</summary>
    internal int OptionalCount => (DatasetRoot is null ? 0 : 1) + (Settings is null ? 0 : 3);

    /// <summary>The dataset root and settings, as header keys (after the required ones).</summary>
    internal void WriteOptional(ref MessagePackWriter writer)
    {
        if (DatasetRoot is { } root)
        {
            writer.Write("datasetRoot"); writer.Write(root);
        }
        if (Settings is { } s)
        {
            writer.Write("upsample"); writer.Write(s.Upsample);
            writer.Write("jitters"); writer.Write(s.Jitters);
            writer.Write("precision"); writer.Write(s.Precision);
        }
    }
}

/// <summary>The encode settings that change the faces found or their descriptors; an update must use the same ones.</summary>
/// <param name="Precision">The cnn detector's arithmetic (int8 or float); "none" for hog.</param>
public sealed record EncodeSettings(int Upsample, int Jitters, string Precision)
{
    public override string ToString() => $"upsample {Upsample}, jitters {Jitters}, precision {Precision}";

    /// <summary>The settings a header's keys give, or null where any is absent (a file from before they were recorded).</summary>
    internal static EncodeSettings? From(int? upsample, int? jitters, string? precision) =>
        upsample is { } u && jitters is { } j && precision is { } p ? new EncodeSettings(u, j, p) : null;
}
