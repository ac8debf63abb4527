using System.Text.Json;
using FaceClustering.Core.Detection;
using FaceClustering.Core.Embedding;
using FaceClustering.Core.Inference;
using FaceClustering.Core.Landmarks;
using FaceClustering.Tests.TestSupport;

namespace FaceClustering.Tests.Inference;

/// <summary>
/// The ONNX port is exact: on fixed inputs each network's outputs equal face-api's own outputs under Node
/// (TF.js, wasm backend; tools/faceapi-reference/make_reference.js) within 1e-4.
/// </summary>
[Collection(nameof(ModelsCollection))]
public class FaceApiReferenceTests(ModelsFixture models, ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;
    private static readonly JsonElement Reference = JsonDocument.Parse(
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "faceapi", "reference.json"))).RootElement;

    /// <summary>The same integer pattern as make_reference.js, as N x 3 x size x size floats.</summary>
    internal static float[] Pattern(int size, int seed)
    {
        var nchw = new float[3 * size * size];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        for (var c = 0; c < 3; c++)
        {
            var v = ((x * (3 + c)) ^ (y * (5 + seed))) + ((x * y) >> 4) + ((((x >> 4) + (y >> 4) + seed) & 1) * 96);
            nchw[(c * size + y) * size + x] = v & 255;
        }
        return nchw;
    }

    [Fact]
    public void Descriptor_net_equals_face_api()
    {
        models.SkipIfMissing();
        using var net = new FaceDescriptorNet(models.Weights(FaceDescriptorNet.ModelStem), new InferenceSessionFactory(),
            FaceDescriptorNet.FaceApiInputScale);
        foreach (var item in Reference.GetProperty("descriptor").EnumerateArray())
        {
            var actual = net.Compute(Pattern(150, item.GetProperty("seed").GetInt32()), 1)[0];
            AssertClose("descriptor", Values(item, "output"), actual);
        }
    }

    [Fact]
    public void Landmark_net_equals_face_api()
    {
        models.SkipIfMissing();
        using var net = new LandmarkNet(models.Weights(LandmarkNet.ModelStem), new InferenceSessionFactory());
        foreach (var item in Reference.GetProperty("landmarks").EnumerateArray())
        {
            var actual = net.Compute(Pattern(112, item.GetProperty("seed").GetInt32()), 1)[0];
            AssertClose("landmarks", Values(item, "output"), actual);
        }
    }

    [Fact]
    public void Ssd_detector_net_equals_face_api()
    {
        models.SkipIfMissing();
        using var net = new SsdMobilenetNet(models.Weights(SsdMobilenetNet.ModelStem), new InferenceSessionFactory());
        var item = Reference.GetProperty("ssd")[0];
        var (boxes, scores) = net.Compute(Pattern(512, item.GetProperty("seed").GetInt32()), 1)[0];
        AssertClose("ssd boxes", Values(item, "boxes"), boxes);
        AssertClose("ssd scores", Values(item, "scores"), scores);
    }

    private static float[] Values(JsonElement item, string name) =>
        item.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private void AssertClose(string what, float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        var at = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var diff = Math.Abs(expected[i] - actual[i]);
            if (diff > worst) (worst, at) = (diff, i);
        }
        output.WriteLine($"{what}: {expected.Length} values, largest difference {worst:E2} (index {at})");
        Assert.True(worst <= Tolerance, $"{what}: value {at} is {actual[at]}, face-api gives {expected[at]} (difference {worst:E2})");
    }
}
