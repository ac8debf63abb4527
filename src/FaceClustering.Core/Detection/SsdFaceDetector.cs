using FaceClustering.Core.Imaging;
using OpenCvSharp;

namespace FaceClustering.Core.Detection;

/// <summary>
/// The <c>cnn</c> detector: face-api's SSD MobileNet v1, run as several passes whose boxes are merged.
/// <list type="bullet">
/// <item>the whole photo, padded to a square (as face-api does);</item>
/// <item>the photo centred on canvases two and three times its size, for close-ups that fill the frame, which SSD misses;</item>
/// <item>overlapping 512-px windows at finer scales until a face of <see cref="SmallestFace"/> pixels is about
/// 32 px at the network's input, so small faces in large photos are found too.</item>
/// </list>
/// Boxes touching a window's inner edge are dropped (the face continues in the next window), then
/// non-maximum suppression merges the passes.
/// </summary>
public sealed class SsdFaceDetector(SsdMobilenetNet net, float minConfidence = 0.5f, int upsample = 1) : IFaceDetector
{
    /// <summary>
    /// Smallest face width (original pixels) the tiling aims to find: 80 px halved per upsampling step, as with
    /// dlib's 80x80 window (40 px at face_recognition's default of one step).
    /// </summary>
    public double SmallestFace { get; } = SmallestFaceFor(upsample);

    public static double SmallestFaceFor(int upsample) => 80.0 / (1 << upsample);
    private const int Size = SsdMobilenetNet.InputSize;
    private const double SmallestFaceAtInput = 32;
    private const double MergeIou = 0.4;

    public string Name => "cnn";

    public IReadOnlyList<DetectedFace> Detect(Mat image)
    {
        var windows = Windows(image.Width, image.Height, SmallestFace);
        var found = new List<DetectedFace>();
        const int batch = 1; // measured: one 512x512 image a run is 25% faster per image than four (cache)
        var buffer = new float[batch * 3 * Size * Size];
        for (var start = 0; start < windows.Count; start += batch)
        {
            var count = Math.Min(batch, windows.Count - start);
            for (var i = 0; i < count; i++)
            {
                var w = windows[start + i];
                SquareSampler.Sample(image, w.Left, w.Top, w.Side, Size, buffer.AsSpan(i * 3 * Size * Size, 3 * Size * Size), w.Fill);
            }
            var results = net.Compute(buffer, count);
            for (var i = 0; i < count; i++)
                Collect(windows[start + i], results[i].Boxes, results[i].Scores, image.Width, image.Height, found);
        }
        return DetectedFace.Suppress(found, MergeIou);
    }

    public void Dispose() => net.Dispose();

    internal readonly record struct Window(double Left, double Top, double Side, float Fill, bool Tile);

    /// <summary>The passes over a photo of the given size.</summary>
    internal static List<Window> Windows(int width, int height, double smallestFace)
    {
        var longSide = Math.Max(width, height);
        var windows = new List<Window>
        {
            new(0, 0, longSide, 0, Tile: false),
        };
        // Close-ups: SSD rarely fires on a face that fills the frame, but does once the photo sits in the
        // middle of a larger canvas (a 150-px portrait crop needs about 3x).
        foreach (var (factor, fill) in new[] { (2.0, 128f), (3.0, 0f) })
            windows.Add(new Window(-(factor * longSide - width) / 2.0, -(factor * longSide - height) / 2.0, factor * longSide, fill, Tile: false));

        // A pass with windows of side T finds faces of about T/16 (32 px at the input) and, with a quarter of
        // overlap, holds every face up to T/4 wholly in some window. The whole photo covers from longSide/16.
        // Add window sizes from the finest (the smallest face at 32 px) up until the coverage joins.
        var finest = Size * smallestFace / SmallestFaceAtInput; // 640 px for 40-px faces
        for (var side = finest; side < longSide; side *= 2)
        {
            var step = side * 0.75;
            foreach (var top in Starts(height, side, step))
            foreach (var left in Starts(width, side, step))
                windows.Add(new Window(Math.Floor(left), Math.Floor(top), side, 0, Tile: true));
            if (side / 4 >= longSide / 16.0) break;
        }
        return windows;
    }

    private static IEnumerable<double> Starts(int length, double side, double step)
    {
        if (length <= side)
        {
            yield return 0;
            yield break;
        }
        var count = (int)Math.Ceiling((length - side) / step) + 1;
        var spacing = (length - side) / (count - 1);
        for (var i = 0; i < count; i++) yield return i * spacing;
    }

    private void Collect(Window window, float[] boxes, float[] scores, int width, int height, List<DetectedFace> found)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            if (!(scores[i] > minConfidence)) continue;
            // face-api clips relative boxes to 0..1 of the square before scaling.
            var top = window.Top + Math.Clamp(boxes[4 * i], 0, 1) * window.Side;
            var left = window.Left + Math.Clamp(boxes[4 * i + 1], 0, 1) * window.Side;
            var bottom = window.Top + Math.Clamp(boxes[4 * i + 2], 0, 1) * window.Side;
            var right = window.Left + Math.Clamp(boxes[4 * i + 3], 0, 1) * window.Side;
            if (window.Tile && TouchesInnerEdge(window, left, top, right, bottom, width, height)) continue;
            left = Math.Max(0, left);
            top = Math.Max(0, top);
            right = Math.Min(width, right);
            bottom = Math.Min(height, bottom);
            if (right - left < 4 || bottom - top < 4) continue;
            found.Add(new DetectedFace(left, top, right, bottom, scores[i]));
        }
    }

    private static bool TouchesInnerEdge(Window w, double left, double top, double right, double bottom, int width, int height)
    {
        var margin = w.Side * 0.02;
        return (left < w.Left + margin && w.Left > 0)
               || (top < w.Top + margin && w.Top > 0)
               || (right > w.Left + w.Side - margin && w.Left + w.Side < width)
               || (bottom > w.Top + w.Side - margin && w.Top + w.Side < height);
    }
}
