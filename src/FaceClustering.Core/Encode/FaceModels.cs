using FaceClustering.Core.Detection;
using FaceClustering.Core.Embedding;
using FaceClustering.Core.Inference;
using FaceClustering.Core.Landmarks;
using FaceClustering.Core.Models;

namespace FaceClustering.Core.Encode;

/// <summary>
/// The networks of the face engine, loaded and built once and shared by an encode run's workers: ONNX Runtime
/// sessions take concurrent runs, and what a run needs for itself lives with the worker's <see cref="FaceEngine"/>
/// (or, in the SSD's stem, with the thread). Measured: each further worker's own copy cost 1.1 s of CPU at start-up
/// and 200-280 MB. The three networks are built in parallel, for one set of <see cref="Options"/>; whoever makes
/// the models disposes them (after the engines that run on them).
/// </summary>
public sealed class FaceModels : IDisposable
{
    /// <summary>The <c>cnn</c> detector's network; null with <c>hog</c>, which has no model to load.</summary>
    public SsdMobilenetNet? Ssd { get; }

    public LandmarkNet Landmarks { get; }

    public FaceDescriptorNet Descriptor { get; }

    /// <summary>What the networks were built for, and how the engines on them run.</summary>
    public FaceEngineOptions Options { get; }

    public FaceModels(ModelStore models, FaceEngineOptions options)
    {
        Options = options;
        var sessions = new InferenceSessionFactory(options.Device, options.ThreadsPerSession);
        SsdMobilenetNet? ssd = null;
        LandmarkNet? landmarks = null;
        FaceDescriptorNet? descriptor = null;
        try
        {
            Parallel.Invoke(
                () =>
                {
                    if (options.DetectionMethod == DetectionMethod.Cnn)
                        ssd = new SsdMobilenetNet(TfjsWeights.Load(models.Folder, SsdMobilenetNet.ModelStem), sessions, options.EffectivePrecision);
                },
                () => landmarks = new LandmarkNet(TfjsWeights.Load(models.Folder, LandmarkNet.ModelStem), sessions),
                () => descriptor = new FaceDescriptorNet(TfjsWeights.Load(models.Folder, FaceDescriptorNet.ModelStem), sessions,
                    options.DescriptorInputScale));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ssd?.Dispose();
            landmarks?.Dispose();
            descriptor?.Dispose();
            // The first failure as itself (an InputException says what to do), not wrapped.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        Ssd = ssd;
        Landmarks = landmarks!;
        Descriptor = descriptor!;
    }

    public void Dispose()
    {
        Ssd?.Dispose();
        Landmarks.Dispose();
        Descriptor.Dispose();
    }
}
