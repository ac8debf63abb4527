using FaceClustering.Core.Detection;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.Landmarks;

namespace FaceClustering.Core.Encode;

/// <summary>One face found in a photo: its detection, landmarks, 128-d descriptor and quality.</summary>
public sealed record EncodedFace(DetectedFace Detection, FaceLandmarks Landmarks, float[] Encoding, FaceQuality Quality)
{
    /// <summary>The box in whole pixels, face_recognition's (top, right, bottom, left).</summary>
    public FaceBox Box => new(
        (int)Math.Round(Detection.Top), (int)Math.Round(Detection.Right),
        (int)Math.Round(Detection.Bottom), (int)Math.Round(Detection.Left));
}
