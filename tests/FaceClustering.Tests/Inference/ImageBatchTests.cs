using FaceClustering.Core.Inference;

namespace FaceClustering.Tests.Inference;

/// <summary>A batch of square RGB images through a graph: one result per image, only the first count of the buffer.</summary>
public class ImageBatchTests
{
    [Fact]
    public void A_batch_gives_one_result_per_image()
    {
        var graph = new OnnxGraphBuilder();
        graph.Output(graph.Flatten(graph.GlobalAveragePool(graph.Input("input", 3, 2, 2))), "mean");
        using var session = new InferenceSessionFactory().Create(graph.ToBytes());
        var images = Enumerable.Range(0, 3 * 12).Select(i => (float)(i / 12)).ToArray(); // image k: all k
        var result = ImageBatch.Run(session, images, 2, 2, "mean")[0]; // only the first two of three
        Assert.Equal([0f, 0f, 0f, 1f, 1f, 1f], result);
    }
}
