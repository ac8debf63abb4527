using FaceClustering.Core.Embedding;
using FaceClustering.Core.Inference;

namespace FaceClustering.Tests.Embedding;

/// <summary>The descriptor net's ONNX port equals face-api's own outputs (<see cref="FaceApiReference"/>).</summary>
[Collection(nameof(ModelsCollection))]
public class FaceDescriptorNetTests(ModelsFixture models, ITestOutputHelper output)
{
    [Fact]
    public void Descriptor_net_equals_face_api()
    {
        models.SkipIfMissing();
        using var net = new FaceDescriptorNet(models.Weights(FaceDescriptorNet.ModelStem), new InferenceSessionFactory(),
            FaceDescriptorNet.FaceApiInputScale);
        foreach (var item in FaceApiReference.Outputs.GetProperty("descriptor").EnumerateArray())
        {
            var actual = net.Compute(FaceApiReference.Pattern(150, item.GetProperty("seed").GetInt32()), 1)[0];
            FaceApiReference.AssertClose(output, "descriptor", FaceApiReference.Values(item, "output"), actual);
        }
    }
}
