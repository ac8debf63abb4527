using System.Globalization;
using System.Reflection;

namespace FaceClustering.Core.Detection.Hog;

/// <summary>One of dlib's five linear HOG detectors: a bias and, per feature plane, separable filter pairs.</summary>
/// <param name="Threshold">dlib's bias: a window is a face where the filter response is at least this.</param>
/// <param name="Planes">Per FHOG plane, the (row, column) filter pairs whose outer products sum to that plane's filter.</param>
/// <param name="FullFilters">Per plane, the whole filter (rows x columns, row-major), as trained.</param>
internal sealed record HogLinearDetector(double Threshold, SeparableFilter[][] Planes, float[][] FullFilters);

/// <summary>A rank-one filter: <c>Row</c> runs along a row, <c>Column</c> down a column.</summary>
internal sealed record SeparableFilter(float[] Row, float[] Column);

/// <summary>
/// dlib's frontal face detector, decoded from <c>dlib/image_processing/frontal_face_detector.h</c> by
/// tools/dlib-hog-filters into <c>dlib_frontal_face_filters.txt</c> (embedded; Boost licence beside it).
/// </summary>
internal sealed class HogFilterBank
{
    public const int Planes = FhogFeatures.PlaneCount;
    private const string ResourceName = "FaceClustering.Core.Detection.Hog.dlib_frontal_face_filters.txt";

    public required int CellSize { get; init; }
    /// <summary>Detection window in FHOG cells (10 x 10 for 80 x 80 pixels).</summary>
    public required int FilterWidth { get; init; }
    public required int FilterHeight { get; init; }
    public required int Padding { get; init; }
    public required int MinLayerWidth { get; init; }
    public required int MinLayerHeight { get; init; }
    public required int MaxPyramidLevels { get; init; }
    public required double OverlapIou { get; init; }
    public required double OverlapCovered { get; init; }
    public required HogLinearDetector[] Detectors { get; init; }

    private static readonly Lazy<HogFilterBank> Embedded = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"{ResourceName} is not embedded in this build");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    });

    /// <summary>dlib's detector as shipped with this build.</summary>
    public static HogFilterBank FrontalFace => Embedded.Value;

    /// <summary>Reads the text format that tools/dlib-hog-filters writes.</summary>
    public static HogFilterBank Parse(TextReader reader)
    {
        var lines = new Queue<string[]>();
        for (var line = reader.ReadLine(); line != null; line = reader.ReadLine())
            if (line.Length > 0 && line[0] != '#')
                lines.Enqueue(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        string[] Next(string key)
        {
            if (!lines.TryDequeue(out var fields) || fields[0] != key)
                throw new InvalidDataException($"HOG filter file: expected '{key}', found '{(fields == null ? "end of file" : fields[0])}'");
            return fields;
        }
        static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
        static double Real(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        static float[] Floats(string[] fields) => fields.Skip(1).Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray();

        var cellSize = Int(Next("cell_size")[1]);
        Next("detection_window");
        var window = Next("fhog_window");
        var padding = Int(Next("padding")[1]);
        var minLayer = Next("min_pyramid_layer");
        var maxLevels = Int(Next("max_pyramid_levels")[1]);
        var overlap = Next("overlap");
        var count = Int(Next("detectors")[1]);
        var detectors = new HogLinearDetector[count];
        for (var d = 0; d < count; d++)
        {
            var threshold = Real(Next("detector")[3]);
            var planes = new SeparableFilter[Planes][];
            var full = new float[Planes][];
            for (var p = 0; p < Planes; p++)
            {
                var header = Next("plane");
                var separable = Int(header[7]);
                full[p] = Floats(Next("full"));
                planes[p] = new SeparableFilter[separable];
                for (var k = 0; k < separable; k++)
                    planes[p][k] = new SeparableFilter(Floats(Next("row")), Floats(Next("col")));
            }
            detectors[d] = new HogLinearDetector(threshold, planes, full);
        }
        var bank = new HogFilterBank
        {
            CellSize = cellSize,
            FilterWidth = Int(window[1]),
            FilterHeight = Int(window[2]),
            Padding = padding,
            MinLayerWidth = Int(minLayer[1]),
            MinLayerHeight = Int(minLayer[2]),
            MaxPyramidLevels = maxLevels,
            OverlapIou = Real(overlap[1]),
            OverlapCovered = Real(overlap[2]),
            Detectors = detectors,
        };
        bank.Validate();
        return bank;
    }

    private void Validate()
    {
        foreach (var detector in Detectors)
        {
            // dlib runs the separable filters only while they are cheaper than the full ones; this port runs
            // only that path, so a filter file where dlib would choose the full filters is refused.
            var separable = detector.Planes.Sum(p => p.Length);
            if (separable > Planes * Math.Min(FilterWidth, FilterHeight) / 3.0)
                throw new InvalidDataException("HOG filter file: too many separable filters (dlib would run the full filters)");
            foreach (var pair in detector.Planes.SelectMany(p => p))
                if (pair.Row.Length != FilterWidth || pair.Column.Length != FilterHeight)
                    throw new InvalidDataException("HOG filter file: a separable filter has the wrong length");
            if (detector.FullFilters.Any(f => f.Length != FilterWidth * FilterHeight))
                throw new InvalidDataException("HOG filter file: a full filter has the wrong size");
        }
    }
}
