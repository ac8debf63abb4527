using FaceClustering.Core.Detection;
using FaceClustering.Core.Embedding;
using FaceClustering.Core.Inference;

namespace FaceClustering.Core.Encode;

/// <summary>How the face engine runs. Each value is checked where it is set: a record that exists is one an engine can run.</summary>
public sealed record FaceEngineOptions
{
    /// <summary>Each upsampling step quadruples the pixels the detector scans; beyond 3 a photo takes gigabytes.</summary>
    public const int MaxUpsample = 3;

    public DetectionMethod DetectionMethod { get; init; } = DetectionMethod.Cnn;

    /// <summary>face_recognition's number_of_times_to_upsample: each step halves the smallest face found (about 80 px at 0).</summary>
    public int Upsample
    {
        get;
        init => field = value is >= 0 and <= MaxUpsample ? value
            : throw new OptionException(Setting.Upsample, value,
                $"must be between 0 and {MaxUpsample}", $"1 finds faces down to about 40 px, 2 about 20 px");
    } = 1;

    /// <summary>face_recognition's num_jitters: descriptors of this many re-sampled chips are averaged.</summary>
    public int Jitters
    {
        get;
        init => field = value >= 1 ? value : throw new OptionException(Setting.Jitters, value, $"must be at least 1");
    } = 1;

    public InferenceDevice Device { get; init; } = InferenceDevice.Cpu;

    /// <summary>ONNX Runtime threads per network.</summary>
    public int ThreadsPerSession
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(ThreadsPerSession), value, "at least 1");
    } = 1;

    public float MinConfidence { get; init; } = 0.5f;

    /// <summary>The cnn detector's arithmetic on the CPU (with CUDA it is always float).</summary>
    public SsdPrecision Precision { get; init; } = SsdPrecision.Int8;

    /// <summary>The precision the SSD net is built with: float on CUDA whatever was asked.</summary>
    public SsdPrecision EffectivePrecision => Device == InferenceDevice.Cuda ? SsdPrecision.Float : Precision;

    public AlignmentTemplate Template { get; init; } = AlignmentTemplate.Calibrated;

    public float DescriptorInputScale { get; init; } = FaceDescriptorNet.DlibInputScale;
}
