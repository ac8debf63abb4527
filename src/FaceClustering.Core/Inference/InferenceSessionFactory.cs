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

    static InferenceSessionFactory()
    {
        // Problems reach the user as one clear line from us, not as ONNX Runtime's own log.
        OrtEnv.Instance().EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
    }

    public InferenceSession Create(byte[] model)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Math.Max(1, threadsPerSession),
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
            // Inputs change size from photo to photo (detector inputs follow the photo's shape, descriptor batches
            // the number of faces); a memory pattern is planned per shape and, measured, only added memory.
            EnableMemoryPattern = false,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        if (device == InferenceDevice.Cuda)
        {
            try
            {
                options.AppendExecutionProvider_CUDA();
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                options.Dispose();
                throw new InputException(
                    $"{Setting.Device} cuda: this build has no CUDA support (it uses the CPU build of ONNX Runtime); ",
                    $"build with 'dotnet build -p:OnnxRuntimeGpu=true' (see README), or run with {Setting.Device} cpu");
            }
            catch (OnnxRuntimeException e)
            {
                options.Dispose();
                throw new InputException(
                    $"{Setting.Device} cuda: the CUDA execution provider could not start ({e.Message.Split('\n')[0].Trim()}); ",
                    $"it needs an NVIDIA GPU with its driver and the CUDA 13 and cuDNN 9 libraries on the library path, ",
                    $"or run with {Setting.Device} cpu");
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
