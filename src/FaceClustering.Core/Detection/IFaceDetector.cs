using FaceClustering.Core.Imaging;

namespace FaceClustering.Core.Detection;

/// <summary>Finds faces in a decoded BGR photo; boxes in that photo's pixels.</summary>
public interface IFaceDetector : IDisposable
{
    /// <summary>The name written to the encodings header.</summary>
    string Name { get; }

    IReadOnlyList<DetectedFace> Detect(BgrImage image);
}
