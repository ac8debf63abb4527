using FaceClustering.Core.Landmarks;

namespace FaceClustering.Core.Embedding;

/// <summary>How far a face's descriptor can be trusted: the sharpness of its chip and the turn of its head.</summary>
public static class FaceQualityEstimator
{
    /// <summary>The chip's inner part that shows the face (dlib's chips pad the face by a quarter on each side).</summary>
    private const int Margin = FaceAligner.ChipSize / 6;

    /// <summary>
    /// Variance of the 4-neighbour Laplacian of the grey levels ((R + G + B) / 3, 0-255) over the inner part of a
    /// chip (RGB planes, <see cref="FaceAligner.ChipSize"/> square). Every chip has the same size, so a small face
    /// upscaled into it, or a blurred one, scores low whatever its size in the photo.
    /// </summary>
    public static float Sharpness(ReadOnlySpan<float> chip)
    {
        const int size = FaceAligner.ChipSize;
        const int plane = size * size;
        Span<float> grey = stackalloc float[plane];
        for (var at = 0; at < plane; at++) grey[at] = (chip[at] + chip[plane + at] + chip[2 * plane + at]) / 3f;
        double sum = 0, sumSquares = 0;
        var count = 0;
        for (var r = Margin; r < size - Margin; r++)
        for (var c = Margin; c < size - Margin; c++)
        {
            var at = r * size + c;
            double laplacian = grey[at - size] + grey[at + size] + grey[at - 1] + grey[at + 1] - 4 * grey[at];
            sum += laplacian;
            sumSquares += laplacian * laplacian;
            count++;
        }
        var mean = sum / count;
        return (float)(sumSquares / count - mean * mean);
    }

    /// <summary>
    /// The head's turn in degrees, from where the nose tip (point 30) lies between the two ends of the jaw line
    /// (points 0 and 16): on a head seen as a cylinder, sin(yaw) = (d0 - d16) / (d0 + d16). 0 is frontal, +-90 a
    /// profile; positive when the face's left cheek (point 0's side) faces the camera.
    /// </summary>
    public static float Yaw(FaceLandmarks landmarks)
    {
        double Distance(int a, int b) => Math.Sqrt(Math.Pow(landmarks.X[a] - landmarks.X[b], 2) + Math.Pow(landmarks.Y[a] - landmarks.Y[b], 2));
        var (left, right) = (Distance(30, 0), Distance(30, 16));
        if (left + right <= 0) return 0;
        var ratio = Math.Clamp((left - right) / (left + right), -1, 1);
        return (float)(Math.Asin(ratio) * 180 / Math.PI);
    }
}
