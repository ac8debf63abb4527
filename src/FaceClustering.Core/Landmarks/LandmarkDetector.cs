using FaceClustering.Core.Detection;
using FaceClustering.Core.Imaging;

namespace FaceClustering.Core.Landmarks;

/// <summary>
/// 68 landmarks for a detected face, as face-api feeds its landmark net (the box clipped to the image and
/// floored, zero-padded to a centred square, 112x112), averaged with the landmarks of the mirrored crop
/// (mirrored back point by point), which halves the net's left/right bias and noise.
/// </summary>
public sealed class LandmarkDetector(LandmarkNet net)
{
    private const int Size = LandmarkNet.InputSize;

    // Kept between photos (one thread at a time): a fresh array a photo is fresh memory to fault in.
    private float[] _input = [];

    public IReadOnlyList<FaceLandmarks> Detect(BgrImage image, IReadOnlyList<DetectedFace> faces)
    {
        if (faces.Count == 0) return [];
        var plane = 3 * Size * Size;
        if (_input.Length < 2 * faces.Count * plane) _input = new float[2 * faces.Count * plane];
        var input = _input;
        var squares = new (double Left, double Top, double Side)[faces.Count];
        for (var i = 0; i < faces.Count; i++)
        {
            var f = faces[i];
            var x = (int)Math.Floor(Math.Max(0, f.Left));
            var y = (int)Math.Floor(Math.Max(0, f.Top));
            var w = (int)Math.Floor(Math.Min(image.Width, f.Right) - x);
            var h = (int)Math.Floor(Math.Min(image.Height, f.Bottom) - y);
            w = Math.Max(1, w);
            h = Math.Max(1, h);
            var side = Math.Max(w, h);
            // face-api's padToSquare (centred): round(diff / 2) appended, the rest prepended.
            var diff = side - Math.Min(w, h);
            var prepend = diff - (int)Math.Round(diff * 0.5, MidpointRounding.AwayFromZero);
            var left = w < h ? x - prepend : x;
            var top = h < w ? y - prepend : y;
            squares[i] = (left, top, side);
            var crop = new PixelRect(x, y, w, h);
            WindowSampler.Sample(image, left, top, side, Size, input.AsSpan(2 * i * plane, plane), valid: crop);
            WindowSampler.Sample(image, left, top, side, Size, input.AsSpan((2 * i + 1) * plane, plane), mirror: true, valid: crop);
        }

        var outputs = net.Compute(input, 2 * faces.Count);
        var result = new FaceLandmarks[faces.Count];
        var mirror = FaceLandmarks.MirrorPermutation;
        const double lastPixel = (Size - 1.0) / Size;
        for (var i = 0; i < faces.Count; i++)
        {
            var (left, top, side) = squares[i];
            var plain = outputs[2 * i];
            var mirrored = outputs[2 * i + 1];
            var xs = new double[LandmarkNet.Points];
            var ys = new double[LandmarkNet.Points];
            for (var p = 0; p < LandmarkNet.Points; p++)
            {
                var m = mirror[p];
                var relX = (plain[2 * p] + (lastPixel - mirrored[2 * m])) / 2;
                var relY = (plain[2 * p + 1] + mirrored[2 * m + 1]) / 2;
                xs[p] = left + relX * side;
                ys[p] = top + relY * side;
            }
            result[i] = new FaceLandmarks(xs, ys);
        }
        return result;
    }

}
