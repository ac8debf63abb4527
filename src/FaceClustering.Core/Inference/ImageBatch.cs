using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FaceClustering.Core.Inference;

/// <summary>Runs a graph built by <see cref="OnnxGraphBuilder"/> on a batch of square RGB images (N x 3 x size x size).</summary>
internal static class ImageBatch
{
    /// <summary>The named outputs, flattened, for the first <paramref name="count"/> images of <paramref name="images"/>.</summary>
    public static float[][] Run(InferenceSession session, float[] images, int count, int size, params string[] outputs)
    {
        var input = new DenseTensor<float>(images.AsMemory(0, count * 3 * size * size), [count, 3, size, size]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        return outputs.Select(name => results.First(r => r.Name == name).AsEnumerable<float>().ToArray()).ToArray();
    }
}
