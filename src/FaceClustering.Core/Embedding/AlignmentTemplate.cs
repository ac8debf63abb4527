using FaceClustering.Core.Imaging;

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
    /// Where face-api's (mirror-averaged) landmarks belong so that chips match dlib's own. face-api's points
    /// sit elsewhere than dlib's shape predictor puts them (higher, and squeezed), so dlib's template misaligns
    /// them. Fitted by tools/TemplateFit (Nelder-Mead from dlib's template, minimising the mean L2 distance to
    /// dlib's own descriptors of the dev set's 31 reference faces). Distance to dlib's descriptors:
    /// dlib's template median 0.150 / p90 0.206; this one, validated leaving one identity out, 0.107 / 0.205;
    /// fitted on all 31, 0.100 / 0.192.
    /// </summary>
    public static AlignmentTemplate Calibrated { get; } = new([
        new(0.8428588119835104, 0.2265612783980168),
        new(0.665513694918519, 0.23306567513935877),
        new(0.0834449606452089, 0.22180840242160377),
        new(0.34089699715454924, 0.17449270962752084),
        new(0.5139572990880694, 0.5516773081076237),
    ]);

    public double[] ToVector() => Points.SelectMany(p => new[] { p.X, p.Y }).ToArray();

    public static AlignmentTemplate FromVector(IReadOnlyList<double> v) =>
        new(Enumerable.Range(0, v.Count / 2).Select(i => new Point2d(v[2 * i], v[2 * i + 1])).ToArray());
}
