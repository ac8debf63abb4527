using FaceClustering.Core.Inference;

namespace FaceClustering.Tests.Inference;

/// <summary>
/// Graphs built in memory run in ONNX Runtime and compute what their layers say: TensorFlow's 'same' padding (more
/// at the end) for known and symbolic sizes, HWIO filters, depthwise convolutions, pooling and dense layers, with
/// each tensor's shape tracked as ONNX Runtime computes it.
/// </summary>
public class OnnxGraphBuilderTests
{
    private static readonly Random Random = new(12);

    private static float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(Random.NextDouble() * 2 - 1)).ToArray();

    /// <summary>TF's conv2d with 'same' padding, HWIO filter, from first principles.</summary>
    private static float[] ReferenceConv(float[] x, int size, int cin, float[] filter, int k, int cout, float[] bias, int stride)
    {
        var output = (size + stride - 1) / stride;
        var before = Math.Max((output - 1) * stride + k - size, 0) / 2;
        var y = new float[cout * output * output];
        for (var o = 0; o < cout; o++)
        for (var r = 0; r < output; r++)
        for (var c = 0; c < output; c++)
        {
            double sum = bias[o];
            for (var h = 0; h < k; h++)
            for (var w = 0; w < k; w++)
            for (var i = 0; i < cin; i++)
            {
                var (sr, sc) = (r * stride + h - before, c * stride + w - before);
                if (sr < 0 || sc < 0 || sr >= size || sc >= size) continue;
                sum += x[(i * size + sr) * size + sc] * filter[((h * k + w) * cin + i) * cout + o];
            }
            y[(o * output + r) * output + c] = (float)sum;
        }
        return y;
    }

    [Theory]
    [InlineData(6, 2)] // TF pads 0 before and 1 after
    [InlineData(7, 2)] // 1 and 1
    [InlineData(5, 1)]
    public void Same_padding_convolution_equals_tensorflows(int size, int stride)
    {
        var filter = Values(3 * 3 * 3 * 2);
        var bias = Values(2);
        var x = Values(3 * size * size);
        var expected = ReferenceConv(x, size, 3, filter, 3, 2, bias, stride);

        foreach (var symbolic in new[] { false, true })
        {
            var graph = new OnnxGraphBuilder();
            var side = symbolic ? OnnxGraphBuilder.Any : size;
            var y = graph.Conv(graph.Input("input", 3, side, side), [3, 3, 3, 2], filter, bias, stride, OnnxGraphBuilder.Padding.Same);
            var output = (size + stride - 1) / stride;
            Assert.Equal(symbolic ? [2, OnnxGraphBuilder.Any, OnnxGraphBuilder.Any] : [2, output, output], graph.ShapeOf(y));
            graph.Output(y, "out");
            using var session = new InferenceSessionFactory().Create(graph.ToBytes());
            var actual = ImageBatch.Run(session, x, 1, size, "out")[0];
            Assert.Equal(expected.Length, actual.Length);
            for (var k = 0; k < expected.Length; k++) Assert.True(Math.Abs(expected[k] - actual[k]) < 1e-5, $"symbolic {symbolic}, value {k}: {actual[k]} against {expected[k]}");
        }
    }

    [Fact]
    public void Depthwise_pooling_and_dense_layers_compute_and_track_their_shapes()
    {
        const int size = 8;
        var graph = new OnnxGraphBuilder();
        var x = graph.Input("input", 3, size, size);
        // Depthwise 1x1 with multiplier 1: each channel times its own weight.
        var scaled = graph.Conv(x, [1, 1, 3, 1], [2f, -1f, 0.5f], null, 1, OnnxGraphBuilder.Padding.Valid, depthwise: true);
        var relu = graph.Relu(scaled);
        var pooled = graph.MaxPool(relu, 2, 2);
        Assert.Equal([3, 4, 4], graph.ShapeOf(pooled));
        var mean = graph.Flatten(graph.GlobalAveragePool(pooled));
        Assert.Equal([3], graph.ShapeOf(mean));
        var dense = graph.Dense(mean, [1, 0, 0, 1, 0, 0], 3, 2, [10f, 20f]); // [3 x 2]: first output channel 0, second channel 1
        Assert.Equal([2], graph.ShapeOf(dense));
        graph.Output(dense, "out");
        graph.Output(pooled, "pooled");

        var input = Values(3 * size * size);
        using var session = new InferenceSessionFactory().Create(graph.ToBytes());
        var outputs = ImageBatch.Run(session, input, 1, size, "out", "pooled");
        float[] factor = [2f, -1f, 0.5f];
        var expectedPooled = new float[3 * 16];
        for (var ch = 0; ch < 3; ch++)
        for (var r = 0; r < 4; r++)
        for (var c = 0; c < 4; c++)
        {
            var max = float.MinValue;
            for (var dr = 0; dr < 2; dr++) for (var dc = 0; dc < 2; dc++)
                max = Math.Max(max, Math.Max(0, factor[ch] * input[(ch * size + 2 * r + dr) * size + 2 * c + dc]));
            expectedPooled[(ch * 4 + r) * 4 + c] = max;
        }
        Assert.Equal(expectedPooled, outputs[1]);
        Assert.Equal(10 + expectedPooled[..16].Average(), outputs[0][0], 4);
        Assert.Equal(20 + expectedPooled[16..32].Average(), outputs[0][1], 4);
    }

}
