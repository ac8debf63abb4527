namespace FaceClustering.Core.Inference;

/// <summary>Where the networks run.</summary>
public enum InferenceDevice
{
    Cpu,
    Cuda,
}
