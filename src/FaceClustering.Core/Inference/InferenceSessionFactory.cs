using Microsoft.ML.OnnxRuntime;

namespace FaceClustering.Core.Inference;

/// <summary>
/// Creates ONNX Runtime sessions for in-memory graphs. Intra-op threads do not spin while they wait, since the
/// encode pipeline runs several workers on few cores; CUDA is used only when asked for, and its absence is an
/// error that says so.
/// </summary>
public sealed class InferenceSessionFactory(InferenceDevice device = InferenceDevice.Cpu, int threadsPerSession = 1)
{
    public InferenceDevice Device => device;

    public InferenceSession Create(byte[] model)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Math.Max(1, threadsPerSession),
            InterOpNumThreads = 1,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        if (device == InferenceDevice.Cuda)
        {
            try
            {
                options.AppendExecutionProvider_CUDA();
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                options.Dispose();
                throw new InputException(
                    "--device cuda: the CUDA execution provider is not available in this build or on this machine " +
                    $"({e.Message.Split('\n')[0]}); install the NVIDIA driver, CUDA 12 and cuDNN 9, and a build with " +
                    "Microsoft.ML.OnnxRuntime.Gpu, or run with --device cpu");
            }
        }
        try
        {
            return new InferenceSession(model, options);
        }
        finally
        {
            options.Dispose();
        }
    }
}
