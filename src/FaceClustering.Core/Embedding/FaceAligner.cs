using FaceClustering.Core.Imaging;
using FaceClustering.Core.Landmarks;

namespace FaceClustering.Core.Embedding;

/// <summary>Turns a face's landmarks into dlib's 150x150 chip (padding 0.25) through a 5-point template.</summary>
public sealed class FaceAligner(AlignmentTemplate template)
{
    public const int ChipSize = FaceDescriptorNet.ChipSize;
    public const double Padding = 0.25;

    public AlignmentTemplate Template => template;

    /// <summary>Writes the chip (RGB planes, 0..255) into <paramref name="destination"/>.</summary>
    /// <param name="jitter">Optional small random change of the alignment (for face_recognition's num_jitters).</param>
    public void Chip(BgrImage image, FaceLandmarks landmarks, Span<float> destination, Random? jitter = null)
    {
        Span<Point2d> points = stackalloc Point2d[AlignmentTemplate.LandmarkIndices.Length];
        for (var i = 0; i < points.Length; i++)
        {
            var index = AlignmentTemplate.LandmarkIndices[i];
            points[i] = new Point2d(landmarks.X[index], landmarks.Y[index]);
        }
        var target = template.Points;
        if (jitter is not null) target = Jitter(target, jitter);
        FaceChipExtractor.Extract(image, points, target, ChipSize, Padding, destination);
        if (jitter is not null && jitter.Next(2) == 1) MirrorPlanes(destination);
    }

    /// <summary>Rotation up to 3 degrees, scale 0.95-1.05, shift up to 2% of the face, as dlib's jitter_image roughly does.</summary>
    private static Point2d[] Jitter(Point2d[] points, Random random)
    {
        var angle = (random.NextDouble() * 2 - 1) * 3 * Math.PI / 180;
        var scale = 1 + (random.NextDouble() * 2 - 1) * 0.05;
        var dx = (random.NextDouble() * 2 - 1) * 0.02;
        var dy = (random.NextDouble() * 2 - 1) * 0.02;
        var (cos, sin) = (Math.Cos(angle) * scale, Math.Sin(angle) * scale);
        return points.Select(p => new Point2d(
            0.5 + cos * (p.X - 0.5) - sin * (p.Y - 0.5) + dx,
            0.5 + sin * (p.X - 0.5) + cos * (p.Y - 0.5) + dy)).ToArray();
    }

    private static void MirrorPlanes(Span<float> chip)
    {
        for (var row = 0; row < 3 * ChipSize; row++)
            chip.Slice(row * ChipSize, ChipSize).Reverse();
    }
}
