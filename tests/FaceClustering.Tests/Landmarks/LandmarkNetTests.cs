using FaceClustering.Core.Inference;
using FaceClustering.Core.Landmarks;

namespace FaceClustering.Tests.Landmarks;

/// <summary>The 68-point landmark net's ONNX port equals face-api's own outputs (<see cref="FaceApiReference"/>).</summary>
[Collection(nameof(ModelsCollection))]
public class LandmarkNetTests(ModelsFixture models, ITestOutputHelper output)
{
    [Fact]
    public void Landmark_net_equals_face_api()
    {
        models.SkipIfMissing();
        using var net = new LandmarkNet(models.Weights(LandmarkNet.ModelStem), new InferenceSessionFactory());
        foreach (var item in FaceApiReference.Outputs.GetProperty("landmarks").EnumerateArray())
        {
            var actual = net.Compute(FaceApiReference.Pattern(112, item.GetProperty("seed").GetInt32()), 1)[0];
            FaceApiReference.AssertClose(output, "landmarks", FaceApiReference.Values(item, "output"), actual);
        }
    }
}
