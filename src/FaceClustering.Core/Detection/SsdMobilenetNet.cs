using System.Numerics.Tensors;
using System.Runtime.Intrinsics.X86;
using FaceClustering.Core.Inference;
using FaceClustering.Core.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FaceClustering.Core.Detection;

/// <summary>
/// face-api's SSD MobileNet v1 face detector network. It was trained on 512x512 RGB images, but it is fully
/// convolutional: an input of any height and width (multiples of 32 keep its grids whole) gives each of its six
/// feature maps a grid of cells 16, 32, ... 512 input pixels apart, with the anchors of the 512-px model
/// (<c>Output/extra_dim</c>) repeated at each cell, so a large image is scanned in one run with no seams.
/// Boxes come out as [top, left, bottom, right] relative to the input's height and width, with a face score
/// each; non-maximum suppression is the caller's. <see cref="SsdPrecision.Float"/> is face-api's arithmetic;
/// <see cref="SsdPrecision.Int8"/> runs a managed float stem (<see cref="SsdStem"/>) and then 8-bit layers.
/// Several threads may run it at once (an encode run's workers share one).
/// </summary>
public sealed class SsdMobilenetNet : IDisposable
{
    public const string ModelStem = "ssd_mobilenetv1_model";
    public const int InputSize = 512;

    /// <summary>Input sides are rounded up to this (the stride of the backbone's last feature map).</summary>
    public const int SizeStep = 32;

    private const float BatchNormEpsilon = 0.0010000000474974513f;
    /// <summary>
    /// The 8-bit activations' scale: every layer ends in ReLU6, so 0..6 maps onto 0..255 (zero point 0) between
    /// layers, in the 8-bit graph and in its managed stem.
    /// </summary>
    internal const float Relu6Scale = 6f / 255f;

    private static readonly int[] Strides = [16, 32, 64, 128, 256, 512];
    private static readonly int[] AnchorsPerCell = [3, 6, 6, 6, 6, 6];

    private readonly InferenceSession _session;
    private readonly SsdStem? _stem; // the 8-bit network's first layers
    [ThreadStatic] private static byte[]? t_stemOutput; // per thread: the workers of an encode run share a network
    private readonly float[][] _cellAnchors; // per feature map: the anchors of its first cell in 512-px input pixels
    private readonly Dictionary<(int, int), float[]> _anchors = [];

    public SsdMobilenetNet(TfjsWeights weights, InferenceSessionFactory sessions, SsdPrecision precision = SsdPrecision.Float)
        : this(weights, sessions, precision switch
        {
            SsdPrecision.Float => BuildGraph(weights),
            _ => BuildQuantizedGraph(weights, SignedFiltersAreExact),
        })
    {
    }

    internal SsdMobilenetNet(TfjsWeights weights, InferenceSessionFactory sessions, byte[] graph)
    {
        _cellAnchors = CellAnchors(weights["Output/extra_dim"].Values);
        _session = sessions.Create(graph);
        if (_session.InputMetadata["input"].ElementDataType == TensorElementType.UInt8)
            _stem = new SsdStem(weights, BatchNormEpsilon);
    }

    /// <summary>Boxes (top, left, bottom, right, relative) and scores for N x 3 x height x width RGB images (0..255).</summary>
    public (float[] Boxes, float[] Scores)[] Compute(float[] images, int count, int height = InputSize, int width = InputSize)
    {
        var normalized = images.AsSpan(0, count * 3 * height * width).ToArray();
        Normalize(normalized);
        return ComputeNormalized(normalized, count, height, width);
    }

    /// <summary>
    /// The same for images already <see cref="Normalize">normalized</see> (the caller's buffer is not kept),
    /// keeping only the candidates that score above <paramref name="minScore"/>.
    /// </summary>
    public (float[] Boxes, float[] Scores)[] ComputeNormalized(float[] images, int count, int height, int width,
        float minScore = float.NegativeInfinity)
    {
        var input = _stem is null
            ? NamedOnnxValue.CreateFromTensor("input",
                new DenseTensor<float>(images.AsMemory(0, count * 3 * height * width), [count, 3, height, width]))
            : StemInput(count, height, width, (i, output) => _stem.Run(images, i * 3 * height * width, height, width, output));
        return Run(input, count, height, width, minScore);
    }

    /// <summary>Whether <see cref="ComputeRows"/> can be used (the 8-bit network, whose stem reads row by row).</summary>
    public bool TakesRows => _stem is not null;

    /// <summary>
    /// One image given row by row (each row's three channels, normalized): the 8-bit network's stem asks for each
    /// row once, so the image is never held whole in float.
    /// </summary>
    internal (float[] Boxes, float[] Scores) ComputeRows(SsdStem.RowSource rows, int height, int width, float minScore)
    {
        if (_stem is null) throw new InvalidOperationException("only the 8-bit network takes its input row by row");
        return Run(StemInput(1, height, width, (_, output) => _stem.Run(rows, height, width, output)), 1, height, width, minScore)[0];
    }

    private delegate void StemRun(int image, Span<byte> output);

    /// <summary>The 8-bit graph's input: the stem's bytes for each of <paramref name="count"/> images, in a buffer per thread.</summary>
    private static NamedOnnxValue StemInput(int count, int height, int width, StemRun run)
    {
        var (stemHeight, stemWidth) = SsdStem.OutputSize(height, width);
        var perImage = SsdStem.Channels * stemHeight * stemWidth;
        if (t_stemOutput is null || t_stemOutput.Length < count * perImage) t_stemOutput = new byte[count * perImage];
        for (var i = 0; i < count; i++) run(i, t_stemOutput.AsSpan(i * perImage, perImage));
        return NamedOnnxValue.CreateFromTensor("input",
            new DenseTensor<byte>(t_stemOutput.AsMemory(0, count * perImage), [count, SsdStem.Channels, stemHeight, stemWidth]));
    }

    private (float[] Boxes, float[] Scores)[] Run(NamedOnnxValue input, int count, int height, int width, float minScore)
    {
        using var results = _session.Run([input]);
        return Decode(Output(results, "box_encodings"), Output(results, "class_predictions"), count, height, width, minScore);
    }

    private static ReadOnlySpan<float> Output(IReadOnlyCollection<DisposableNamedOnnxValue> results, string name) =>
        ((DenseTensor<float>)results.First(r => r.Name == name).AsTensor<float>()).Buffer.Span;

    /// <summary>
    /// Pixels 0..255 to the network's input range, in place: value / 127.5 - 1, as face-api computes it. Done here
    /// rather than in the graph, where ONNX Runtime's element-wise passes over a large input took about half the
    /// first layer's time (its profiler).
    /// </summary>
    public static void Normalize(Span<float> pixels)
    {
        TensorPrimitives.Divide(pixels, 127.5f, pixels);
        TensorPrimitives.Subtract(pixels, 1f, pixels);
    }

    public void Dispose() => _session.Dispose();

    /// <summary>
    /// Whether signed 8-bit filters are computed without overflow here. ONNX Runtime multiplies uint8 activations
    /// by int8 filters with AVX2's vpmaddubsw where there is no VNNI, which saturates pairs of products at 16 bits;
    /// there unsigned filters (zero point 128) are used, which it widens first. Other CPUs (VNNI, ARM's dot
    /// products) take signed filters, the fast path.
    /// </summary>
    internal static bool SignedFiltersAreExact =>
        !X86Base.IsSupported
        || AvxVnni.IsSupported
        || (Avx512F.IsSupported && (X86Base.CpuId(7, 0).Ecx & (1 << 11)) != 0); // AVX512_VNNI

    private (float[] Boxes, float[] Scores)[] Decode(ReadOnlySpan<float> encodings, ReadOnlySpan<float> classes, int count,
        int height, int width, float minScore)
    {
        var anchors = AnchorsFor(height, width);
        var n = anchors.Length / 4;
        if (encodings.Length != count * n * 4)
            throw new InvalidOperationException($"the network gave {encodings.Length / 4 / count} boxes for {height}x{width}, the anchors {n}");
        var output = new (float[], float[])[count];
        var kept = new List<int>();
        for (var b = 0; b < count; b++)
        {
            kept.Clear();
            var scores = new List<float>();
            for (var i = 0; i < n; i++)
            {
                var score = 1f / (1f + MathF.Exp(-classes[(b * n + i) * 3 + 1]));
                if (!(score > minScore)) continue;
                kept.Add(i);
                scores.Add(score);
            }
            var boxes = new float[kept.Count * 4];
            for (var k = 0; k < kept.Count; k++)
                Decode(encodings.Slice((b * n + kept[k]) * 4, 4), anchors.AsSpan(kept[k] * 4, 4), boxes.AsSpan(k * 4, 4));
            output[b] = (boxes, scores.ToArray());
        }
        return output;
    }

    /// <summary>The anchors (ymin, xmin, ymax, xmax relative to the input) for an input of the given size.</summary>
    internal float[] AnchorsFor(int height, int width)
    {
        lock (_anchors)
        {
            if (_anchors.TryGetValue((height, width), out var cached)) return cached;
            var anchors = new List<float>();
            for (var map = 0; map < Strides.Length; map++)
            {
                var stride = Strides[map];
                var rows = (height + stride - 1) / stride;
                var columns = (width + stride - 1) / stride;
                var cell = _cellAnchors[map];
                for (var row = 0; row < rows; row++)
                for (var column = 0; column < columns; column++)
                for (var a = 0; a < cell.Length; a += 4)
                {
                    anchors.Add((cell[a] + row * stride) / height);
                    anchors.Add((cell[a + 1] + column * stride) / width);
                    anchors.Add((cell[a + 2] + row * stride) / height);
                    anchors.Add((cell[a + 3] + column * stride) / width);
                }
            }
            return _anchors[(height, width)] = anchors.ToArray();
        }
    }

    /// <summary>Per feature map, the anchors of its first cell in input pixels, from the 512-px model's anchors.</summary>
    private static float[][] CellAnchors(float[] anchors512)
    {
        var cells = new float[Strides.Length][];
        var offset = 0;
        for (var map = 0; map < Strides.Length; map++)
        {
            var side = InputSize / Strides[map];
            cells[map] = anchors512.AsSpan(offset, AnchorsPerCell[map] * 4).ToArray();
            for (var i = 0; i < cells[map].Length; i++) cells[map][i] *= InputSize;
            offset += side * side * AnchorsPerCell[map] * 4;
        }
        if (offset != anchors512.Length)
            throw new InvalidDataException($"expected {offset / 4} SSD anchors, the weights hold {anchors512.Length / 4}");
        return cells;
    }

    /// <summary>SSD box decoding with scale factors 10 (centre) and 5 (size), as face-api's output layer.</summary>
    private static void Decode(ReadOnlySpan<float> e, ReadOnlySpan<float> anchor, Span<float> box)
    {
        var height = anchor[2] - anchor[0];
        var width = anchor[3] - anchor[1];
        var cy = anchor[0] + height / 2;
        var cx = anchor[1] + width / 2;
        var halfH = MathF.Exp(e[2] / 5) * height / 2;
        var halfW = MathF.Exp(e[3] / 5) * width / 2;
        var y = e[0] / 10 * height + cy;
        var x = e[1] / 10 * width + cx;
        box[0] = y - halfH;
        box[1] = x - halfW;
        box[2] = y + halfH;
        box[3] = x + halfW;
    }

    internal static byte[] BuildGraph(TfjsWeights w)
    {
        var g = new OnnxGraphBuilder();
        var x = g.Input("input", 3, OnnxGraphBuilder.Any, OnnxGraphBuilder.Any); // normalized: pixel / 127.5 - 1

        x = Pointwise(g, w, x, "MobilenetV1/Conv2d_0_pointwise", 2);
        string? conv11 = null;
        for (var layer = 1; layer <= 13; layer++)
        {
            x = Depthwise(g, w, x, layer, Stride(layer));
            x = Pointwise(g, w, x, $"MobilenetV1/Conv2d_{layer}_pointwise", 1);
            if (layer == 11) conv11 = x;
        }

        var p = new string[8];
        p[0] = Pointwise(g, w, x, "Prediction/Conv2d_0_pointwise", 1);
        for (var i = 1; i < 8; i++)
            p[i] = Pointwise(g, w, p[i - 1], $"Prediction/Conv2d_{i}_pointwise", i % 2 == 1 ? 2 : 1);

        Heads(g, w, [conv11!, x, p[1], p[3], p[5], p[7]]);
        return g.ToBytes();
    }

    /// <summary>
    /// The same network after its stem (see <see cref="SsdStem"/>, whose uint8 output is this graph's input) with
    /// 8-bit activations and per-channel 8-bit filters (ONNX QLinearConv). Every layer ends in ReLU6, so its output
    /// is stored as uint8 over 0..6 (scale 6/255) and the saturation does the clip; batch norm is folded into the
    /// depthwise filters. The box and class heads run in float on the dequantized features.
    /// </summary>
    internal static byte[] BuildQuantizedGraph(TfjsWeights w, bool signedWeights)
    {
        var g = new OnnxGraphBuilder();
        var x = g.ByteInput("input", SsdStem.Channels, OnnxGraphBuilder.Any, OnnxGraphBuilder.Any);
        x = QuantizedPointwise(g, w, x, "MobilenetV1/Conv2d_1_pointwise", 1, signedWeights);

        string? conv11 = null;
        for (var layer = 2; layer <= 13; layer++)
        {
            var prefix = $"MobilenetV1/Conv2d_{layer}_depthwise";
            var filters = w[$"{prefix}/depthwise_weights"];
            var (scale, offset) = FoldBatchNorm(w[$"{prefix}/BatchNorm/gamma"].Values, w[$"{prefix}/BatchNorm/beta"].Values,
                w[$"{prefix}/BatchNorm/moving_mean"].Values, w[$"{prefix}/BatchNorm/moving_variance"].Values);
            var folded = new float[filters.Values.Length];
            for (var i = 0; i < folded.Length; i++) folded[i] = filters.Values[i] * scale[i % scale.Length];
            x = g.QLinearConv(x, Relu6Scale, 0, filters.Shape, folded, offset, Stride(layer), OnnxGraphBuilder.Padding.Same,
                depthwise: true, Relu6Scale, 0, signedWeights);
            x = QuantizedPointwise(g, w, x, $"MobilenetV1/Conv2d_{layer}_pointwise", 1, signedWeights);
            if (layer == 11) conv11 = x;
        }

        var p = new string[8];
        p[0] = QuantizedPointwise(g, w, x, "Prediction/Conv2d_0_pointwise", 1, signedWeights);
        for (var i = 1; i < 8; i++)
            p[i] = QuantizedPointwise(g, w, p[i - 1], $"Prediction/Conv2d_{i}_pointwise", i % 2 == 1 ? 2 : 1, signedWeights);

        string[] sources = [conv11!, x, p[1], p[3], p[5], p[7]];
        Heads(g, w, sources.Select(s => g.DequantizeLinear(s, Relu6Scale, 0)).ToArray());
        return g.ToBytes();
    }

    /// <summary>The float network's first two layers (what <see cref="SsdStem"/> computes), output "stem".</summary>
    internal static byte[] BuildStemGraph(TfjsWeights w)
    {
        var g = new OnnxGraphBuilder();
        var x = g.Input("input", 3, OnnxGraphBuilder.Any, OnnxGraphBuilder.Any);
        x = Pointwise(g, w, x, "MobilenetV1/Conv2d_0_pointwise", 2);
        g.Output(Depthwise(g, w, x, 1, 1), "stem");
        return g.ToBytes();
    }

    private static int Stride(int layer) => layer is 2 or 4 or 6 or 12 ? 2 : 1;

    /// <summary>Depthwise 3x3 ('same'), batch norm, ReLU6.</summary>
    private static string Depthwise(OnnxGraphBuilder g, TfjsWeights w, string x, int layer, int stride)
    {
        var prefix = $"MobilenetV1/Conv2d_{layer}_depthwise";
        var filters = w[$"{prefix}/depthwise_weights"];
        x = g.Conv(x, filters.Shape, filters.Values, null, stride, OnnxGraphBuilder.Padding.Same, depthwise: true);
        x = g.BatchNorm(x, w[$"{prefix}/BatchNorm/gamma"].Values, w[$"{prefix}/BatchNorm/beta"].Values,
            w[$"{prefix}/BatchNorm/moving_mean"].Values, w[$"{prefix}/BatchNorm/moving_variance"].Values, BatchNormEpsilon);
        return g.Clip(x, 0, 6);
    }

    private static (float[] Scale, float[] Offset) FoldBatchNorm(float[] gamma, float[] beta, float[] mean, float[] variance)
    {
        var scale = new float[gamma.Length];
        var offset = new float[gamma.Length];
        for (var c = 0; c < gamma.Length; c++)
        {
            scale[c] = gamma[c] / MathF.Sqrt(variance[c] + BatchNormEpsilon);
            offset[c] = beta[c] - mean[c] * scale[c];
        }
        return (scale, offset);
    }

    private static void Heads(OnnxGraphBuilder g, TfjsWeights w, string[] sources)
    {
        var boxes = new string[6];
        var classes = new string[6];
        for (var i = 0; i < 6; i++)
        {
            boxes[i] = g.ToRowsNhwc(Predictor(g, w, sources[i], $"Prediction/BoxPredictor_{i}/BoxEncodingPredictor"), 4);
            classes[i] = g.ToRowsNhwc(Predictor(g, w, sources[i], $"Prediction/BoxPredictor_{i}/ClassPredictor"), 3);
        }
        g.Output(g.Concat(0, boxes), "box_encodings");
        g.Output(g.Concat(0, classes), "class_predictions");
    }

    private static string QuantizedPointwise(OnnxGraphBuilder g, TfjsWeights w, string x, string prefix, int stride, bool signedWeights)
    {
        var filters = w[$"{prefix}/weights"];
        return g.QLinearConv(x, Relu6Scale, 0, filters.Shape, filters.Values, w[$"{prefix}/convolution_bn_offset"].Values,
            stride, OnnxGraphBuilder.Padding.Same, depthwise: false, Relu6Scale, 0, signedWeights);
    }

    /// <summary>conv ('same') + batch-norm offset, clipped to 0..6 (ReLU6).</summary>
    private static string Pointwise(OnnxGraphBuilder g, TfjsWeights w, string x, string prefix, int stride)
    {
        var filters = w[$"{prefix}/weights"];
        x = g.Conv(x, filters.Shape, filters.Values, w[$"{prefix}/convolution_bn_offset"].Values, stride, OnnxGraphBuilder.Padding.Same);
        return g.Clip(x, 0, 6);
    }

    private static string Predictor(OnnxGraphBuilder g, TfjsWeights w, string x, string prefix)
    {
        var filters = w[$"{prefix}/weights"];
        return g.Conv(x, filters.Shape, filters.Values, w[$"{prefix}/biases"].Values, 1, OnnxGraphBuilder.Padding.Same);
    }
}
