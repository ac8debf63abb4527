using FaceClustering.Core.Detection;
using FaceClustering.Core.Inference;

namespace FaceClustering.Core.Pipeline;

/// <summary>Everything the encode command needs, in one place.</summary>
public sealed record EncodeOptions
{
    public const string DefaultDataset = "datasets/default_dataset";

    public string Dataset { get; init; } = DefaultDataset;
    public string EncodingsPath { get; init; } = Path.Combine("encodings", "encodings.msgpack");
    public string DetectionMethod { get; init; } = "cnn";

    /// <summary>Upsampling steps before detection (face_recognition's default 1: faces down to about 40 px).</summary>
    public int Upsample { get; init; } = 1;

    /// <summary>Worker threads; -1 = every core.</summary>
    public int Jobs { get; init; } = -1;

    /// <summary>Model folder; null = FACECLUSTERING_MODELS or models/.</summary>
    public string? ModelsFolder { get; init; }

    public InferenceDevice Device { get; init; } = InferenceDevice.Cpu;
    public int Jitters { get; init; } = 1;

    /// <summary>The cnn detector's arithmetic on the CPU: 8-bit (fast) or float (face-api's own numbers).</summary>
    public SsdPrecision Precision { get; init; } = SsdPrecision.Int8;

    /// <summary>Photo paths to encode instead of scanning <see cref="Dataset"/> (encode -i - reads them from stdin).</summary>
    public IReadOnlyList<string>? InputPaths { get; init; }

    /// <summary>Encode only this share of the photos (for spreading a library over machines).</summary>
    public Shard Shard { get; init; } = new(1, 1);

    /// <summary>Keep the encodings of unchanged photos, encode new and changed ones, drop deleted ones.</summary>
    public bool Update { get; init; }

    public int EffectiveJobs => Jobs == -1 ? Environment.ProcessorCount : Jobs;

    /// <summary>File extensions encode looks at (case-insensitive).</summary>
    public static readonly IReadOnlySet<string> ImageExtensions =
        new HashSet<string>([".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".heif", ".avif"],
            StringComparer.OrdinalIgnoreCase);
}
