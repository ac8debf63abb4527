namespace FaceClustering.Core.Inference;

/// <summary>What face-api's networks expect of their input, shared by the landmark and descriptor nets.</summary>
internal static class FaceApiInput
{
    /// <summary>The per-channel mean (R, G, B) that face-api subtracts before the landmark and descriptor nets.</summary>
    public static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];
}
