using FaceClustering.Core.Inference;
using FaceClustering.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace FaceClustering.Core.Landmarks;

/// <summary>
/// face-api's 68-point landmark net: a 112x112 RGB face crop in, 68 (x, y) points out, each relative to the
/// crop (0..1). Four dense blocks of depthwise-separable convolutions, a 7x7 average pool and a dense layer.
/// </summary>
public sealed class LandmarkNet : IDisposable
{
    public const string ModelStem = "face_landmark_68_model";
    public const int InputSize = 112;
    public const int Points = 68;

    private readonly InferenceSession _session;

    public LandmarkNet(TfjsWeights weights, InferenceSessionFactory sessions)
    {
        _session = sessions.Create(BuildGraph(weights));
    }

    /// <summary>Raw outputs for N x 3 x 112 x 112 RGB crops (0..255): 136 values a crop, x0, y0, x1, y1, ...</summary>
    public float[][] Compute(float[] crops, int count)
    {
        var output = ImageBatch.Run(_session, crops, count, InputSize, "landmarks")[0];
        return Enumerable.Range(0, count).Select(i => output.AsSpan(i * 2 * Points, 2 * Points).ToArray()).ToArray();
    }

    public void Dispose() => _session.Dispose();

    internal static byte[] BuildGraph(TfjsWeights w)
    {
        var g = new OnnxGraphBuilder();
        var x = g.Input("input", 3, InputSize, InputSize);
        x = g.Div(g.Sub(x, g.ChannelConstant(FaceApiInput.MeanRgb)), g.Constant([255f]));
        x = DenseBlock(g, w, x, "dense0", firstLayer: true);
        x = DenseBlock(g, w, x, "dense1", firstLayer: false);
        x = DenseBlock(g, w, x, "dense2", firstLayer: false);
        x = DenseBlock(g, w, x, "dense3", firstLayer: false);
        x = g.Flatten(g.AveragePool(x, 7, 2));
        var fc = w["fc/weights"];
        x = g.Dense(x, fc.Values, fc.Shape[0], fc.Shape[1], w["fc/bias"].Values);
        g.Output(x, "landmarks");
        return g.ToBytes();
    }

    /// <summary>out1 = conv0 (stride 2); each later conv sees the ReLU of the sum of all earlier outputs.</summary>
    private static string DenseBlock(OnnxGraphBuilder g, TfjsWeights w, string x, string prefix, bool firstLayer)
    {
        string out1;
        if (firstLayer)
        {
            var filters = w[$"{prefix}/conv0/filters"];
            out1 = g.Relu(g.Conv(x, filters.Shape, filters.Values, w[$"{prefix}/conv0/bias"].Values, 2, OnnxGraphBuilder.Padding.Same));
        }
        else
        {
            out1 = g.Relu(SeparableConv(g, w, x, $"{prefix}/conv0", 2));
        }
        var out2 = SeparableConv(g, w, out1, $"{prefix}/conv1", 1);
        var out3 = SeparableConv(g, w, g.Relu(g.Add(out1, out2)), $"{prefix}/conv2", 1);
        var out4 = SeparableConv(g, w, g.Relu(g.Add(out1, g.Add(out2, out3))), $"{prefix}/conv3", 1);
        return g.Relu(g.Add(out1, g.Add(out2, g.Add(out3, out4))));
    }

    /// <summary>TF's separableConv2d ('same'): depthwise 3x3 with the stride, then pointwise 1x1, then bias.</summary>
    private static string SeparableConv(OnnxGraphBuilder g, TfjsWeights w, string x, string prefix, int stride)
    {
        var depthwise = w[$"{prefix}/depthwise_filter"];
        var pointwise = w[$"{prefix}/pointwise_filter"];
        x = g.Conv(x, depthwise.Shape, depthwise.Values, null, stride, OnnxGraphBuilder.Padding.Same, depthwise: true);
        return g.Conv(x, pointwise.Shape, pointwise.Values, w[$"{prefix}/bias"].Values, 1, OnnxGraphBuilder.Padding.Valid);
    }
}
