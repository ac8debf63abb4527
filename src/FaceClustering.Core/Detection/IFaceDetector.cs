using FaceClustering.Core.Imaging;

namespace FaceClustering.Core.Detection;

/// <summary>
/// Finds faces in a decoded BGR photo; boxes in that photo's pixels. A detector holds only managed buffers: the
/// network it may run on belongs to whoever made it, who disposes it.
/// </summary>
public interface IFaceDetector
{
    IReadOnlyList<DetectedFace> Detect(BgrImage image);
}
