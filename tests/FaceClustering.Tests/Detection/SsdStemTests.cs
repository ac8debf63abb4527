using FaceClustering.Core.Detection;
using FaceClustering.Core.Inference;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FaceClustering.Tests.Detection;

/// <summary>The managed float stem of the 8-bit SSD (its first layers, written to 8 bits for QLinearConv) against the same layers run in float by ONNX Runtime: within rounding of one 8-bit step, at face-api's size and at odd sizes.</summary>
[Collection(nameof(ModelsCollection))]
public class SsdStemTests(ModelsFixture models, ITestOutputHelper output)
{
    [Theory]
    [InlineData(512, 512)]
    [InlineData(97, 131)]
    public void Managed_stem_equals_the_float_layers_within_one_8_bit_step(int height, int width)
    {
        models.SkipIfMissing();
        var weights = models.Weights(SsdMobilenetNet.ModelStem);
        var pixels = height == 512 ? FaceApiReference.Pattern(512, 3) : Noise(3 * height * width);
        var input = (float[])pixels.Clone();
        SsdMobilenetNet.Normalize(input);

        using var session = new InferenceSessionFactory().Create(SsdMobilenetNet.BuildStemGraph(weights));
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(input, [1, 3, height, width]))]);
        var expected = results.First().AsEnumerable<float>().ToArray();

        var (outH, outW) = SsdStem.OutputSize(height, width);
        var actual = new byte[SsdStem.Channels * outH * outW];
        new SsdStem(weights, 0.0010000000474974513f).Run(input, 0, height, width, actual);

        Assert.Equal(expected.Length, actual.Length);
        const float step = 6f / 255f;
        double worst = 0, total = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var error = Math.Abs(actual[i] * step - expected[i]);
            worst = Math.Max(worst, error);
            total += error;
        }
        output.WriteLine($"{height}x{width}: worst {worst / step:F3} steps, mean {total / actual.Length / step:F3} steps");
        Assert.True(worst <= step * 0.5 + 1e-4, $"worst error {worst / step:F3} of an 8-bit step"); // rounding, nothing more
        Assert.True(total / actual.Length < step * 0.26, $"mean error {total / actual.Length / step:F3} of a step");
    }

    private static float[] Noise(int count)
    {
        var random = new Random(7);
        return Enumerable.Range(0, count).Select(_ => (float)random.Next(256)).ToArray();
    }
}
