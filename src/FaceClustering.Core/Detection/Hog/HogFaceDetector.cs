using System.Runtime.CompilerServices;
using System.Buffers;
using FaceClustering.Core.Imaging;

namespace FaceClustering.Core.Detection.Hog;

/// <summary>
/// The <c>hog</c> detector: a managed port of dlib's <c>get_frontal_face_detector()</c> as face_recognition runs
/// it. The photo is upsampled <c>upsample</c> times (2x each, dlib's <c>pyramid_up</c>), then each level of a
/// <c>pyramid_down&lt;6&gt;</c> pyramid gets FHOG features and the five 80x80 filters; windows scoring at least
/// each filter's threshold are faces, dlib's non-maximum suppression keeps the strongest of overlapping ones,
/// and boxes are mapped back and trimmed to the photo. Smallest face found: about 80 / 2^upsample pixels.
/// </summary>
public sealed class HogFaceDetector : IFaceDetector
{
    /// <summary>
    /// The most pixels a photo is upsampled to (600 MB of planes, about 1.5 GB with its pyramid): a larger photo
    /// is upsampled fewer times (a 50-megapixel photo still once).
    /// </summary>
    public const long MaxScannedPixels = 200_000_000;

    private readonly HogFilterBank _bank;
    private readonly int _upsample;
    private readonly long _maxScannedPixels;

    public HogFaceDetector(int upsample = 1) : this(HogFilterBank.FrontalFace, upsample, MaxScannedPixels)
    {
    }

    internal HogFaceDetector(HogFilterBank bank, int upsample, long maxScannedPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(upsample);
        _bank = bank;
        _upsample = upsample;
        _maxScannedPixels = maxScannedPixels;
    }

    /// <summary>How many times a photo of this size is upsampled: as asked, unless that would pass <see cref="MaxScannedPixels"/>.</summary>
    internal int UpsampleSteps(int width, int height)
    {
        var steps = _upsample;
        while (steps > 0 && (long)width * height << (2 * steps) > _maxScannedPixels) steps--;
        return steps;
    }


    public IReadOnlyList<DetectedFace> Detect(BgrImage image)
    {
        int imageWidth = image.Width, imageHeight = image.Height;
        var planes = RgbPlanes.FromBgr(image);
        var steps = UpsampleSteps(imageWidth, imageHeight);
        for (var k = 0; k < steps; k++)
        {
            var (width, height) = DlibPyramid.UpSize(planes.Width, planes.Height);
            using var smaller = planes;
            planes = DlibPyramid.Resize(smaller, width, height);
        }
        List<Found> found;
        using (planes) found = Scan(planes);
        var faces = new List<DetectedFace>();
        foreach (var face in found)
        {
            double left = face.Left, top = face.Top, right = face.Right, bottom = face.Bottom;
            for (var k = 0; k < steps; k++)
            {
                (left, right) = (DlibPyramid.DownX(left), DlibPyramid.DownX(right));
                (top, bottom) = (DlibPyramid.DownY(top), DlibPyramid.DownY(bottom));
            }
            // face_recognition's _trim_css_to_bounds on dlib's rounded rectangle.
            faces.Add(new DetectedFace(
                Math.Max(Round(left), 0), Math.Max(Round(top), 0),
                Math.Min(Round(right), imageWidth), Math.Min(Round(bottom), imageHeight),
                (float)face.Confidence));
        }
        return faces;
    }

    private static double Round(double v) => Math.Round(v, MidpointRounding.AwayFromZero);

    /// <summary>A detection in the scanned image: dlib's integer rectangle (inclusive corners).</summary>
    internal readonly record struct Found(int Left, int Top, int Right, int Bottom, double Confidence, int Detector)
    {
        public long Area => Math.Max(0L, Right - Left + 1) * Math.Max(0L, Bottom - Top + 1);
    }

    /// <summary>dlib's object_detector on one image: every filter over every pyramid level, then suppression.</summary>
    internal List<Found> Scan(RgbPlanes image)
    {
        var levels = DlibPyramid.LevelCount(image.Width, image.Height, _bank.MinLayerWidth, _bank.MinLayerHeight, _bank.MaxPyramidLevels);
        var candidates = new List<Found>();
        var level = image;
        try
        {
            for (var l = 0; l < levels; l++)
            {
                if (l > 0)
                {
                    var next = DlibPyramid.Resize(level, DlibPyramid.DownSize(level.Width), DlibPyramid.DownSize(level.Height));
                    if (level != image) level.Dispose();
                    level = next;
                }
                using var features = FhogFeatures.Extract(level, _bank.CellSize, _bank.FilterHeight, _bank.FilterWidth);
                ScanFeatures(features, l, candidates);
            }
        }
        finally
        {
            if (level != image) level.Dispose();
        }
        candidates.Sort((a, b) => (b.Confidence, a.Detector, a.Top, a.Left).CompareTo((a.Confidence, b.Detector, b.Top, b.Left)));
        var kept = new List<Found>();
        foreach (var candidate in candidates)
            if (!kept.Any(k => Overlaps(k, candidate)))
                kept.Add(candidate);
        return kept;
    }

    /// <summary>Every filter over one level's features; windows at or above a filter's threshold become candidates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: fully optimised from the first photo
    internal void ScanFeatures(FhogFeatures features, int level, List<Found> candidates)
    {
        if (features.Rows == 0) return;
        var detectors = _bank.Detectors;
        var area = SeparableCorrelation.ValidArea(features.Rows, features.Columns, _bank.FilterWidth, _bank.FilterHeight);
        if (area.Bottom <= area.Top || area.Right <= area.Left) return;
        var saliency = new float[detectors.Length][];
        for (var d = 0; d < detectors.Length; d++) saliency[d] = ArrayPool<float>.Shared.Rent(features.PlaneSize);
        var scratch = ArrayPool<float>.Shared.Rent(features.PlaneSize);
        try
        {
            // A band of output rows at a time: each plane's band is read once for all five detectors, and the band's
            // intermediate and outputs stay in cache. Each detector still adds its filters in dlib's order.
            Span<bool> first = stackalloc bool[detectors.Length];
            for (var top = area.Top; top < area.Bottom; top += BandRows)
            {
                var bottom = Math.Min(top + BandRows, area.Bottom);
                first.Fill(true);
                for (var p = 0; p < FhogFeatures.PlaneCount; p++)
                for (var d = 0; d < detectors.Length; d++)
                foreach (var filter in detectors[d].Planes[p])
                {
                    SeparableCorrelation.Apply(features.Plane(p), features.Columns, area, filter.Row, filter.Column,
                        scratch, saliency[d], add: !first[d], top, bottom);
                    first[d] = false;
                }
                for (var d = 0; d < detectors.Length; d++)
                    if (first[d]) saliency[d].AsSpan(top * features.Columns, (bottom - top) * features.Columns).Clear();
            }
            for (var d = 0; d < detectors.Length; d++)
            for (var r = area.Top; r < area.Bottom; r++)
            for (var c = area.Left; c < area.Right; c++)
            {
                var score = saliency[d][r * features.Columns + c];
                if (score >= detectors[d].Threshold)
                    candidates.Add(Window(r, c, level, score - detectors[d].Threshold, d));
            }
        }
        finally
        {
            foreach (var array in saliency) ArrayPool<float>.Shared.Return(array);
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>Output rows per band of the filter stage (measured: 32 keeps a band's working set in L2).</summary>
    private const int BandRows = 32;

    /// <summary>The image rectangle of the detection window centred on FHOG cell (r, c) of a level.</summary>
    private Found Window(int r, int c, int level, double confidence, int detector)
    {
        var width = _bank.FilterWidth - 2 * _bank.Padding;
        var height = _bank.FilterHeight - 2 * _bank.Padding;
        var left = c - width / 2;
        var top = r - height / 2;
        return new Found(
            ToImage(left, _bank.FilterWidth, level), ToImage(top, _bank.FilterHeight, level),
            ToImage(left + width - 1, _bank.FilterWidth, level), ToImage(top + height - 1, _bank.FilterHeight, level),
            confidence, detector);
    }

    /// <summary>dlib's <c>fhog_to_image</c> (cell centre) then <c>rect_up</c> to level 0, rounded.</summary>
    private int ToImage(int cell, int filterSize, int level)
    {
        var cellSize = _bank.CellSize;
        var v = (cell + 1 - (filterSize - 1) / 2) * cellSize + 1;
        v += v >= 0 ? cellSize / 2 : -(cellSize / 2);
        return (int)Math.Floor(DlibPyramid.LevelUp(v, level) + 0.5);
    }

    /// <summary>dlib's <c>test_box_overlap</c>: intersection over the bounding box of both, or the share of either covered.</summary>
    private bool Overlaps(Found a, Found b)
    {
        var inner = new Found(Math.Max(a.Left, b.Left), Math.Max(a.Top, b.Top), Math.Min(a.Right, b.Right), Math.Min(a.Bottom, b.Bottom), 0, 0).Area;
        if (inner == 0) return false;
        var outer = new Found(Math.Min(a.Left, b.Left), Math.Min(a.Top, b.Top), Math.Max(a.Right, b.Right), Math.Max(a.Bottom, b.Bottom), 0, 0).Area;
        return inner / (double)outer > _bank.OverlapIou
               || inner / (double)a.Area > _bank.OverlapCovered
               || inner / (double)b.Area > _bank.OverlapCovered;
    }
}
