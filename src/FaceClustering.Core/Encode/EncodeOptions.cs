namespace FaceClustering.Core.Encode;

/// <summary>Everything the encode command needs, in one place; each value is checked where it is set.</summary>
public sealed record EncodeOptions
{
    public const string DefaultDataset = "datasets/default_dataset";

    public string Dataset { get; init => field = PathOption.Checked(Setting.Dataset, value, "photos/"); } = DefaultDataset;

    public string EncodingsPath
    {
        get;
        init => field = PathOption.Checked(Setting.Encodings, value, "encodings/encodings.msgpack");
    } = Path.Combine("encodings", "encodings.msgpack");

    /// <summary>How each photo is turned into faces: detector, upsampling, jitters, device, precision.</summary>
    public FaceEngineOptions Engine { get; init; } = new();

    /// <summary>Worker threads; -1 = every core.</summary>
    public int Jobs { get; init => field = Core.Jobs.Checked(value); } = Core.Jobs.EveryCore;

    /// <summary>Model folder; null = FACECLUSTERING_MODELS or models/.</summary>
    public string? ModelsFolder { get; init => field = PathOption.CheckedOrNull(Setting.Models, value, "models/"); }

    /// <summary>Photo paths to encode instead of scanning <see cref="Dataset"/> (encode -i - reads them from stdin).</summary>
    public IReadOnlyList<string>? InputPaths
    {
        get;
        init => field = value?.FirstOrDefault(p => p.Contains('\0')) is null ? value
            : throw new OptionException(Setting.Dataset, null, $"lists a photo path that holds a NUL character; no file has such a name");
    }

    /// <summary>Encode only this share of the photos (for spreading a library over machines).</summary>
    public Shard Shard { get; init; } = new(1, 1);

    /// <summary>Keep the encodings of unchanged photos, encode new and changed ones, drop deleted ones.</summary>
    public bool Update { get; init; }

    /// <summary>When another run is writing the same encodings file: wait for it (else refuse at once).</summary>
    public bool Wait { get; init; }

    public int EffectiveJobs => Core.Jobs.Effective(Jobs);

    /// <summary>File extensions encode looks at (case-insensitive).</summary>
    public static readonly IReadOnlySet<string> ImageExtensions =
        new HashSet<string>([".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".heif", ".avif"],
            StringComparer.OrdinalIgnoreCase);
}
