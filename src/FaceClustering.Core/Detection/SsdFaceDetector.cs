using FaceClustering.Core.Imaging;

namespace FaceClustering.Core.Detection;

/// <summary>
/// The <c>cnn</c> detector: face-api's SSD MobileNet v1, run as several passes whose boxes are merged.
/// <list type="bullet">
/// <item>the whole photo, padded to a 512-px square (as face-api does);</item>
/// <item>the photo scaled so that a face of <see cref="SmallestFace"/> pixels is about 30 px, in one input of
/// that size (the network is fully convolutional), and at half that scale, and so on, until the whole-photo pass
/// takes over; an input larger than <see cref="MaxInputSide"/> on a side is cut into overlapping tiles;</item>
/// <item>the photo centred on canvases two and three times its size, for close-ups that fill the frame, which
/// SSD misses (at 256 px, for faces over a quarter of the photo, where a scaled pass covers the rest).</item>
/// </list>
/// Boxes touching a tile's inner edge are dropped (the face continues in the next tile), then
/// non-maximum suppression merges the passes.
/// </summary>
public sealed class SsdFaceDetector(SsdMobilenetNet net, float minConfidence = 0.5f, int upsample = 1) : IFaceDetector
{
    /// <summary>
    /// Smallest face width (original pixels) the passes aim to find: 80 px halved per upsampling step, as with
    /// dlib's 80x80 window (40 px at face_recognition's default of one step).
    /// </summary>
    public double SmallestFace { get; } = SmallestFaceFor(upsample);

    public static double SmallestFaceFor(int upsample) => 80.0 / (1 << upsample);

    /// <summary>Largest input side of one run (memory: the first feature map of a 2048x2048 input is 32 x 1024 x 1024).</summary>
    public const int MaxInputSide = 2048;

    private const int Size = SsdMobilenetNet.InputSize;
    // SSD finds faces from about 30 px at its input: faces planted at 40 px in a 4000x3000 photo are found 31 of
    // 31 with the finest pass at 30/40 (and 36-px faces 30 of 31), as at 32/40, for 12% fewer input pixels.
    internal const double SmallestFaceAtInput = 30;
    internal const double LargestFaceAtInput = 4 * SmallestFaceAtInput; // what a pass is relied on for; the next coarser takes over
    private const int TileOverlap = 160; // input pixels: a face of LargestFaceAtInput and the inner-edge margin (10 px)

    // A scaled pass drops boxes over twice the size it is relied on for: a coarser pass covers those faces, and in
    // a large input SSD's coarsest anchors also fire on parts of a big face (a second box over chin and neck).
    private const double MaxScaledFace = 2 * LargestFaceAtInput;
    private const double MergeIou = 0.4;
    private const int CloseUpInput = 256;
    private const double CloseUpFace = 0.25;

    private float[] _buffer = [];


    public IReadOnlyList<DetectedFace> Detect(BgrImage image)
    {
        var found = new List<DetectedFace>();
        BgrImage? shrunk = null;
        var shrinkFactor = 0;
        try
        {
            foreach (var w in Windows(image.Width, image.Height, SmallestFace))
            {
                var source = image;
                var (left, top, step) = (w.Left, w.Top, w.Step);
                if (w.MinFace > 0 && (shrunk is not null || w.Step >= 4))
                {
                    // Bilinear sampling this far down aliases (a close-up in a 3000-px photo was missed): shrink
                    // the photo by area to about twice the canvas's resolution first, by a whole factor (block
                    // means, a fraction of the time of a fractional resize).
                    if (shrunk is null)
                    {
                        shrinkFactor = (int)(w.Step / 2);
                        shrunk = ImageResizer.ShrinkBy(image, shrinkFactor);
                    }
                    (source, left, top, step) = (shrunk, left / shrinkFactor, top / shrinkFactor, step / shrinkFactor);
                }
                var sampler = WindowSampler.Rows(source, left, top, step, w.Width, w.Height, w.Fill);
                var (boxes, scores) = net.TakesRows
                    ? net.ComputeRows((y, c0, c1, c2) =>
                    {
                        sampler.Row(y, c0, c1, c2);
                        SsdMobilenetNet.Normalize(c0);
                        SsdMobilenetNet.Normalize(c1);
                        SsdMobilenetNet.Normalize(c2);
                    }, w.Height, w.Width, minConfidence)
                    : Whole(sampler, w, minConfidence);
                Collect(w, boxes, scores, image.Width, image.Height, found);
            }
        }
        finally
        {
            shrunk?.Dispose();
        }
        return DetectedFace.Suppress(found, MergeIou);
    }

    /// <summary>The float network takes the window whole.</summary>
    private (float[] Boxes, float[] Scores) Whole(WindowSampler.RowSampler sampler, Window w, float minScore)
    {
        var length = 3 * w.Width * w.Height;
        if (_buffer.Length < length) _buffer = new float[length];
        sampler.Planes(_buffer.AsSpan(0, length));
        SsdMobilenetNet.Normalize(_buffer.AsSpan(0, length));
        return net.ComputeNormalized(_buffer, 1, w.Height, w.Width, minScore)[0];
    }


    /// <summary>
    /// One run of the network: an input of <see cref="Width"/> x <see cref="Height"/> pixels sampled
    /// <see cref="Step"/> photo pixels apart from (<see cref="Left"/>, <see cref="Top"/>).
    /// </summary>
    internal readonly record struct Window(double Left, double Top, double Step, int Width, int Height, float Fill, bool Tile,
        bool Scaled = false, double MinFace = 0)
    {
        public double Right => Left + Width * Step;
        public double Bottom => Top + Height * Step;
    }

    /// <summary>The passes over a photo of the given size.</summary>
    internal static List<Window> Windows(int width, int height, double smallestFace)
    {
        var longSide = Math.Max(width, height);
        var windows = new List<Window> { Square(width, height, 1, 0) };

        // A pass at scale s finds faces from 30/s photo pixels and is relied on up to 120/s; the whole photo
        // covers from longSide/17. Halve the scale from the finest until the coverage joins.
        var whole = (double)Size / longSide;
        for (var scale = SmallestFaceAtInput / smallestFace; scale > whole; scale /= 2)
        {
            AddScaled(windows, width, height, scale);
            if (LargestFaceAtInput / scale >= SmallestFaceAtInput / whole) break;
        }

        // Close-ups: SSD rarely fires on a face that fills the frame, but does once the photo sits in the middle of
        // a larger canvas (a 150-px portrait crop needs about 3x). In a photo small enough to have no scaled pass
        // these passes also find faces the others miss (a background face of 34 px in a 640-px photo). Where there
        // is a scaled pass, it and the whole photo cover faces up to a quarter of the long side, so the canvases
        // only look for larger ones, at 256 px: measured, the 40 portrait crops of the dev set enlarged to 800,
        // 1600 and 3000 px are all found, the demo photos give the same faces, and the duplicate boxes the 512-px
        // canvases drew in a crowded group photo are gone.
        var closeUps = windows.Count > 1;
        var input = closeUps ? CloseUpInput : Size;
        var minFace = closeUps ? longSide * CloseUpFace : 0;
        windows.Add(Square(width, height, 2, 128, input) with { MinFace = minFace });
        windows.Add(Square(width, height, 3, 0, input) with { MinFace = minFace });
        return windows;
    }

    /// <summary>
    /// The photo on a square canvas <paramref name="factor"/> times its long side, at 512 px: at the top left for
    /// the whole-photo pass (face-api pads at the bottom and right), centred for the close-ups.
    /// </summary>
    private static Window Square(int width, int height, double factor, float fill, int input = Size)
    {
        var side = factor * Math.Max(width, height);
        return factor == 1
            ? new Window(0, 0, side / input, input, input, fill, Tile: false)
            : new Window(-(side - width) / 2.0, -(side - height) / 2.0, side / input, input, input, fill, Tile: false);
    }

    /// <summary>The photo at <paramref name="scale"/>, in tiles of at most <see cref="MaxInputSide"/> input pixels.</summary>
    private static void AddScaled(List<Window> windows, int width, int height, double scale)
    {
        var step = 1 / scale;
        var inputWidth = RoundUp((int)Math.Ceiling(width * scale));
        var inputHeight = RoundUp((int)Math.Ceiling(height * scale));
        var tileWidth = Math.Min(inputWidth, MaxInputSide);
        var tileHeight = Math.Min(inputHeight, MaxInputSide);
        var tiled = tileWidth < inputWidth || tileHeight < inputHeight;
        foreach (var top in Starts(inputHeight, tileHeight))
        foreach (var left in Starts(inputWidth, tileWidth))
            windows.Add(new Window(left * step, top * step, step, tileWidth, tileHeight, 0, tiled, Scaled: true));
    }

    private static int RoundUp(int size) =>
        (size + SsdMobilenetNet.SizeStep - 1) / SsdMobilenetNet.SizeStep * SsdMobilenetNet.SizeStep;

    /// <summary>Tile starts (input pixels) that cover <paramref name="length"/>, overlapping by at least <see cref="TileOverlap"/>.</summary>
    private static IEnumerable<int> Starts(int length, int side)
    {
        if (length <= side)
        {
            yield return 0;
            yield break;
        }
        var count = (int)Math.Ceiling((double)(length - side) / (side - TileOverlap)) + 1;
        for (var i = 0; i < count; i++) yield return (int)((long)i * (length - side) / (count - 1));
    }

    private void Collect(Window window, float[] boxes, float[] scores, int width, int height, List<DetectedFace> found)
    {
        var spanX = window.Width * window.Step;
        var spanY = window.Height * window.Step;
        for (var i = 0; i < scores.Length; i++)
        {
            if (!(scores[i] > minConfidence)) continue;
            // face-api clips relative boxes to 0..1 of the input before scaling.
            var top = window.Top + Math.Clamp(boxes[4 * i], 0, 1) * spanY;
            var left = window.Left + Math.Clamp(boxes[4 * i + 1], 0, 1) * spanX;
            var bottom = window.Top + Math.Clamp(boxes[4 * i + 2], 0, 1) * spanY;
            var right = window.Left + Math.Clamp(boxes[4 * i + 3], 0, 1) * spanX;
            if (window.Scaled && (right - left > MaxScaledFace * window.Step || bottom - top > MaxScaledFace * window.Step)) continue;
            if (Math.Max(right - left, bottom - top) < window.MinFace) continue;
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
        var margin = 0.02 * Size * w.Step;
        return (left < w.Left + margin && w.Left > 0)
               || (top < w.Top + margin && w.Top > 0)
               || (right > w.Right - margin && w.Right < width)
               || (bottom > w.Bottom - margin && w.Bottom < height);
    }
}
