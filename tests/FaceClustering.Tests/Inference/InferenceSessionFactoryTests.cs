using FaceClustering.Core.Inference;

namespace FaceClustering.Tests.Inference;

/// <summary>Sessions on the CPU by default; CUDA asked of a build or machine without it is one line naming the setting and the way out.</summary>
public class InferenceSessionFactoryTests
{
    private static byte[] Identity()
    {
        var graph = new OnnxGraphBuilder();
        graph.Output(graph.Input("input", 3, 1, 1), "out");
        return graph.ToBytes();
    }

    [Fact]
    public void A_cpu_session_runs_the_graph()
    {
        var factory = new InferenceSessionFactory(threadsPerSession: 2);
        Assert.Equal(InferenceDevice.Cpu, factory.Device);
        using var session = factory.Create(Identity());
        Assert.Equal([1f, 2f, 3f], ImageBatch.Run(session, [1f, 2f, 3f], 1, 1, "out")[0]);
    }

    [Fact]
    public void Cuda_where_there_is_none_is_refused_with_the_way_out()
    {
        InputException error;
        try
        {
            using var session = new InferenceSessionFactory(InferenceDevice.Cuda).Create(Identity());
            Assert.Skip("this build and machine run CUDA: there is nothing to refuse");
            return;
        }
        catch (InputException e)
        {
            error = e;
        }
        Assert.StartsWith("the device setting cuda: ", error.Message);
        Assert.EndsWith("run with the device setting cpu", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }
}
