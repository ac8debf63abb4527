using FaceClustering.Core.Inference;
using FaceClustering.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace FaceClustering.Core.Detection;

/// <summary>
/// face-api's SSD MobileNet v1 face detector network: a 512x512 RGB image in, 5118 candidate boxes out
/// ([top, left, bottom, right] relative to the input) with a face score each. Box decoding against the
/// anchors (<c>Output/extra_dim</c>) is done here; non-maximum suppression is the caller's.
/// </summary>
public sealed class SsdMobilenetNet : IDisposable
{
    public const string ModelStem = "ssd_mobilenetv1_model";
    public const int InputSize = 512;
    private const float BatchNormEpsilon = 0.0010000000474974513f;

    private readonly InferenceSession _session;
    private readonly float[] _anchors; // [5118, 4]: ymin, xmin, ymax, xmax

    public SsdMobilenetNet(TfjsWeights weights, InferenceSessionFactory sessions)
    {
        _anchors = weights["Output/extra_dim"].Values;
        _session = sessions.Create(BuildGraph(weights));
    }

    public int Candidates => _anchors.Length / 4;

    /// <summary>Boxes (top, left, bottom, right, relative) and scores for N x 3 x 512 x 512 RGB images (0..255).</summary>
    public (float[] Boxes, float[] Scores)[] Compute(float[] images, int count)
    {
        var outputs = ImageBatch.Run(_session, images, count, InputSize, "box_encodings", "class_predictions");
        var (encodings, classes) = (outputs[0], outputs[1]);
        var n = Candidates;
        var output = new (float[], float[])[count];
        for (var b = 0; b < count; b++)
        {
            var boxes = new float[n * 4];
            var scores = new float[n];
            for (var i = 0; i < n; i++)
            {
                Decode(encodings.AsSpan((b * n + i) * 4, 4), _anchors.AsSpan(i * 4, 4), boxes.AsSpan(i * 4, 4));
                scores[i] = 1f / (1f + MathF.Exp(-classes[(b * n + i) * 3 + 1]));
            }
            output[b] = (boxes, scores);
        }
        return output;
    }

    public void Dispose() => _session.Dispose();

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
        var x = g.Input("input", 3, InputSize, InputSize);
        x = g.Sub(g.Div(x, g.Constant([127.5f])), g.Constant([1f]));

        x = Pointwise(g, w, x, "MobilenetV1/Conv2d_0_pointwise", 2);
        string? conv11 = null;
        for (var layer = 1; layer <= 13; layer++)
        {
            var stride = layer is 2 or 4 or 6 or 12 ? 2 : 1;
            var prefix = $"MobilenetV1/Conv2d_{layer}_depthwise";
            var filters = w[$"{prefix}/depthwise_weights"];
            x = g.Conv(x, filters.Shape, filters.Values, null, stride, OnnxGraphBuilder.Padding.Same, depthwise: true);
            x = g.BatchNorm(x, w[$"{prefix}/BatchNorm/gamma"].Values, w[$"{prefix}/BatchNorm/beta"].Values,
                w[$"{prefix}/BatchNorm/moving_mean"].Values, w[$"{prefix}/BatchNorm/moving_variance"].Values, BatchNormEpsilon);
            x = g.Clip(x, 0, 6);
            x = Pointwise(g, w, x, $"MobilenetV1/Conv2d_{layer}_pointwise", 1);
            if (layer == 11) conv11 = x;
        }

        var p = new string[8];
        p[0] = Pointwise(g, w, x, "Prediction/Conv2d_0_pointwise", 1);
        for (var i = 1; i < 8; i++)
            p[i] = Pointwise(g, w, p[i - 1], $"Prediction/Conv2d_{i}_pointwise", i % 2 == 1 ? 2 : 1);

        string[] sources = [conv11!, x, p[1], p[3], p[5], p[7]];
        var boxes = new string[6];
        var classes = new string[6];
        for (var i = 0; i < 6; i++)
        {
            boxes[i] = g.ToRowsNhwc(Predictor(g, w, sources[i], $"Prediction/BoxPredictor_{i}/BoxEncodingPredictor"), 4);
            classes[i] = g.ToRowsNhwc(Predictor(g, w, sources[i], $"Prediction/BoxPredictor_{i}/ClassPredictor"), 3);
        }
        g.Output(g.Concat(0, boxes), "box_encodings");
        g.Output(g.Concat(0, classes), "class_predictions");
        return g.ToBytes();
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
