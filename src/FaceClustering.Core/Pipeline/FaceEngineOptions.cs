using FaceClustering.Core.Detection;
using FaceClustering.Core.Embedding;
using FaceClustering.Core.Inference;

namespace FaceClustering.Core.Pipeline;

/// <summary>How the face engine runs.</summary>
public sealed record FaceEngineOptions
{
    /// <summary><c>cnn</c> (SSD MobileNet v1) or <c>hog</c> (dlib's HOG detector).</summary>
    public string DetectionMethod { get; init; } = "cnn";

    /// <summary>face_recognition's number_of_times_to_upsample: each step halves the smallest face found (about 80 px at 0).</summary>
    public int Upsample { get; init; } = 1;

    /// <summary>face_recognition's num_jitters: descriptors of this many re-sampled chips are averaged.</summary>
    public int Jitters { get; init; } = 1;

    public InferenceDevice Device { get; init; } = InferenceDevice.Cpu;

    /// <summary>ONNX Runtime threads per network.</summary>
    public int ThreadsPerSession { get; init; } = 1;

    public float MinConfidence { get; init; } = 0.5f;

    /// <summary>The cnn detector's arithmetic on the CPU (with CUDA it is always float).</summary>
    public SsdPrecision Precision { get; init; } = SsdPrecision.Int8;

    public AlignmentTemplate Template { get; init; } = AlignmentTemplate.Calibrated;

    public float DescriptorInputScale { get; init; } = FaceDescriptorNet.DlibInputScale;
}
