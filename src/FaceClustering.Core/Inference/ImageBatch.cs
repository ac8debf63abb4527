using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FaceClustering.Core.Inference;

/// <summary>Runs a graph built by <see cref="OnnxGraphBuilder"/> on a batch of RGB images (N x 3 x height x width).</summary>
internal static class ImageBatch
{
    /// <summary>The named outputs, flattened, for the first <paramref name="count"/> images of <paramref name="images"/>.</summary>
    public static float[][] Run(InferenceSession session, float[] images, int count, int size, params string[] outputs) =>
        Run(session, images, count, size, size, outputs);

    public static float[][] Run(InferenceSession session, float[] images, int count, int height, int width, params string[] outputs)
    {
        var input = new DenseTensor<float>(images.AsMemory(0, count * 3 * height * width), [count, 3, height, width]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        return outputs.Select(name => results.First(r => r.Name == name).AsEnumerable<float>().ToArray()).ToArray();
    }
}
