using OpenCvSharp;

namespace FaceClustering.Core.Embedding;

/// <summary>
/// Five face points (in dlib's 5-point order: right eye outer and inner corner, left eye outer and inner
/// corner, nose bottom, as seen in the image from left to right reversed) and where a chip puts them, in
/// dlib's unpadded 0..1 face frame.
/// </summary>
public sealed record AlignmentTemplate(Point2d[] Points)
{
    /// <summary>The 68-point indices that stand for dlib's five points.</summary>
    public static readonly int[] LandmarkIndices = [45, 42, 36, 39, 33];

    /// <summary>dlib's own 5-point template (get_face_chip_details), made for dlib's 5-point landmarks.</summary>
    public static AlignmentTemplate Dlib { get; } = new([
        new(0.8595674595992, 0.2134981538014),
        new(0.6460604764104, 0.2289674387677),
        new(0.1205750620789, 0.2137274526848),
        new(0.3340850613712, 0.2290642403242),
        new(0.4901123135679, 0.6277975316475),
    ]);

    /// <summary>
    /// Where face-api's (mirror-averaged) landmarks belong so that chips match dlib's own: fitted on the dev
    /// set's dlib reference descriptors by tools/TemplateFit (see that tool for the procedure and the figures).
    /// </summary>
    public static AlignmentTemplate Calibrated { get; } = Dlib;

    public double[] ToVector() => Points.SelectMany(p => new[] { p.X, p.Y }).ToArray();

    public static AlignmentTemplate FromVector(IReadOnlyList<double> v) =>
        new(Enumerable.Range(0, v.Count / 2).Select(i => new Point2d(v[2 * i], v[2 * i + 1])).ToArray());
}
