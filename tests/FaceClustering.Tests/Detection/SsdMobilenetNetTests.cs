using FaceClustering.Core.Detection;
using FaceClustering.Core.Inference;

namespace FaceClustering.Tests.Detection;

/// <summary>The SSD MobileNet v1 net's ONNX port (float) equals face-api's own outputs (<see cref="FaceApiReference"/>).</summary>
[Collection(nameof(ModelsCollection))]
public class SsdMobilenetNetTests(ModelsFixture models, ITestOutputHelper output)
{
    [Fact]
    public void Ssd_detector_net_equals_face_api()
    {
        models.SkipIfMissing();
        using var net = new SsdMobilenetNet(models.Weights(SsdMobilenetNet.ModelStem), new InferenceSessionFactory());
        var item = FaceApiReference.Outputs.GetProperty("ssd")[0];
        var (boxes, scores) = net.Compute(FaceApiReference.Pattern(512, item.GetProperty("seed").GetInt32()), 1)[0];
        FaceApiReference.AssertClose(output, "ssd boxes", FaceApiReference.Values(item, "boxes"), boxes);
        FaceApiReference.AssertClose(output, "ssd scores", FaceApiReference.Values(item, "scores"), scores);
    }
}
