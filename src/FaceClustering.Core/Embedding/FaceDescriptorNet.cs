using FaceClustering.Core.Encodings;
using FaceClustering.Core.Inference;
using FaceClustering.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace FaceClustering.Core.Embedding;

/// <summary>
/// dlib's ResNet face descriptor (dlib_face_recognition_resnet_model_v1, weights from face-api's TF.js port):
/// a 150x150 RGB chip in, 128 numbers out, Euclidean distance 0.6 = same person.
/// </summary>
public sealed class FaceDescriptorNet : IDisposable
{
    public const string ModelStem = "face_recognition_model";
    public const string ModelId = "dlib_face_recognition_resnet_model_v1 (face-api 1.7.15 uint8)";
    public const int ChipSize = 150;
    public const int Dimension = FaceRecord.EncodingLength; // what an encodings record stores

    /// <summary>dlib's input normalisation: (value - mean) / 256 per RGB channel.</summary>
    public const float DlibInputScale = 256f;

    /// <summary>face-api's normalisation: (value - mean) / 255.</summary>
    public const float FaceApiInputScale = 255f;

    private readonly InferenceSession _session;

    public FaceDescriptorNet(TfjsWeights weights, InferenceSessionFactory sessions, float inputScale = DlibInputScale)
    {
        _session = sessions.Create(BuildGraph(weights, inputScale));
    }

    /// <summary>Descriptors of a batch of chips: <paramref name="chips"/> is N x 3 x 150 x 150, RGB 0..255.</summary>
    public float[][] Compute(float[] chips, int count)
    {
        var output = ImageBatch.Run(_session, chips, count, ChipSize, "descriptor")[0];
        return Enumerable.Range(0, count).Select(i => output.AsSpan(i * Dimension, Dimension).ToArray()).ToArray();
    }

    public void Dispose() => _session.Dispose();

    internal static byte[] BuildGraph(TfjsWeights w, float inputScale)
    {
        var g = new OnnxGraphBuilder();
        var x = g.Input("input", 3, ChipSize, ChipSize);
        x = g.Div(g.Sub(x, g.ChannelConstant(FaceApiInput.MeanRgb)), g.Constant([inputScale]));

        x = ConvLayer(g, w, x, "conv32_down", 2, OnnxGraphBuilder.Padding.Valid, relu: true);
        x = g.MaxPool(x, 3, 2);
        foreach (var block in new[] { "conv32_1", "conv32_2", "conv32_3" }) x = Residual(g, w, x, block);
        x = ResidualDown(g, w, x, "conv64_down");
        foreach (var block in new[] { "conv64_1", "conv64_2", "conv64_3" }) x = Residual(g, w, x, block);
        x = ResidualDown(g, w, x, "conv128_down");
        foreach (var block in new[] { "conv128_1", "conv128_2" }) x = Residual(g, w, x, block);
        x = ResidualDown(g, w, x, "conv256_down");
        foreach (var block in new[] { "conv256_1", "conv256_2" }) x = Residual(g, w, x, block);
        x = ResidualDown(g, w, x, "conv256_down_out");

        x = g.Flatten(g.GlobalAveragePool(x));
        var fc = w["fc"];
        x = g.Dense(x, fc.Values, fc.Shape[0], fc.Shape[1], bias: null);
        g.Output(x, "descriptor");
        return g.ToBytes();
    }

    /// <summary>conv + bias, then the scale layer (x * weights + biases), then ReLU if asked.</summary>
    private static string ConvLayer(OnnxGraphBuilder g, TfjsWeights w, string x, string prefix, int stride,
        OnnxGraphBuilder.Padding padding, bool relu)
    {
        var filters = w[$"{prefix}/conv/filters"];
        x = g.Conv(x, filters.Shape, filters.Values, w[$"{prefix}/conv/bias"].Values, stride, padding);
        x = g.Add(g.Mul(x, g.ChannelConstant(w[$"{prefix}/scale/weights"].Values)), g.ChannelConstant(w[$"{prefix}/scale/biases"].Values));
        return relu ? g.Relu(x) : x;
    }

    private static string Residual(OnnxGraphBuilder g, TfjsWeights w, string x, string prefix)
    {
        var y = ConvLayer(g, w, x, $"{prefix}/conv1", 1, OnnxGraphBuilder.Padding.Same, relu: true);
        y = ConvLayer(g, w, y, $"{prefix}/conv2", 1, OnnxGraphBuilder.Padding.Same, relu: false);
        return g.Relu(g.Add(y, x));
    }

    /// <summary>
    /// Down-sampling block: 3x3 stride-2 'valid' conv, then a 3x3 conv; the shortcut is a 2x2 stride-2 average
    /// pool with zero channels appended, and the main branch is zero-padded at the bottom/right where smaller.
    /// </summary>
    private static string ResidualDown(OnnxGraphBuilder g, TfjsWeights w, string x, string prefix)
    {
        var y = ConvLayer(g, w, x, $"{prefix}/conv1", 2, OnnxGraphBuilder.Padding.Valid, relu: true);
        y = ConvLayer(g, w, y, $"{prefix}/conv2", 1, OnnxGraphBuilder.Padding.Same, relu: false);
        var pooled = g.AveragePool(x, 2, 2);
        var (ys, ps) = (g.ShapeOf(y), g.ShapeOf(pooled));
        if (ys[1] != ps[1] || ys[2] != ps[2])
            y = g.PadEnd(y, 0, ps[1] - ys[1], ps[2] - ys[2]);
        if (ps[0] != ys[0])
            pooled = g.PadEnd(pooled, ys[0] - ps[0], 0, 0);
        return g.Relu(g.Add(pooled, y));
    }
}
