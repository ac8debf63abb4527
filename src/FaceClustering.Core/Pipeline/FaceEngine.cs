using FaceClustering.Core.Detection;
using FaceClustering.Core.Detection.Hog;
using FaceClustering.Core.Embedding;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.Inference;
using FaceClustering.Core.Landmarks;
using FaceClustering.Core.Models;
using FaceClustering.Core.Imaging;

namespace FaceClustering.Core.Pipeline;

/// <summary>
/// Photo in, faces out: detect, find 68 landmarks, cut dlib's aligned 150x150 chip, compute the 128-d
/// descriptor. One engine is used by one thread at a time; engines may share one <see cref="FaceModels"/>.
/// </summary>
public sealed class FaceEngine : IDisposable
{
    private readonly IFaceDetector _detector;
    private readonly LandmarkDetector _landmarks;
    private readonly FaceAligner _aligner;
    private readonly FaceDescriptorNet _descriptor;
    private readonly int _jitters;
    private readonly FaceModels? _owned;
    private float[] _chips = []; // kept between photos: a fresh array a photo is fresh memory to fault in

    /// <summary>An engine with networks of its own.</summary>
    public FaceEngine(ModelStore models, FaceEngineOptions options)
        : this(new FaceModels(models, options), options, owns: true)
    {
    }

    /// <summary>An engine on shared networks (which the caller disposes, after the engines).</summary>
    public FaceEngine(FaceModels models, FaceEngineOptions options)
        : this(models, options, owns: false)
    {
    }

    private FaceEngine(FaceModels models, FaceEngineOptions options, bool owns)
    {
        Validate(options);
        if (options.DetectionMethod == "cnn" && models.Ssd is null)
            throw new ArgumentException("these models were loaded for the hog detector", nameof(models));
        _detector = options.DetectionMethod == "hog"
            ? new HogFaceDetector(options.Upsample)
            : new SsdFaceDetector(models.Ssd!, options.MinConfidence, options.Upsample);
        _landmarks = new LandmarkDetector(models.Landmarks);
        _descriptor = models.Descriptor;
        _aligner = new FaceAligner(options.Template);
        _jitters = options.Jitters;
        _owned = owns ? models : null;
    }

    /// <summary>Refuses options no engine can run, with a line that says what to use.</summary>
    internal static void Validate(FaceEngineOptions options)
    {
        ValidateDetectionMethod(options.DetectionMethod);
        ValidateUpsample(options.Upsample);
        if (options.Jitters < 1)
            throw new InputException("--jitters must be at least 1");
    }

    public string DetectorName => _detector.Name;

    /// <summary>Refuses detection methods this build cannot run, with a line that says what to use.</summary>
    public static void ValidateDetectionMethod(string method)
    {
        if (method != "cnn" && method != "hog")
            throw new InputException($"-d {method}: unknown detection method; use cnn or hog");
    }

    /// <summary>Each upsampling step quadruples the pixels the detector scans; beyond 3 a photo takes gigabytes.</summary>
    public const int MaxUpsample = 3;

    public static void ValidateUpsample(int upsample)
    {
        if (upsample is < 0 or > MaxUpsample)
            throw new InputException($"--upsample must be between 0 and {MaxUpsample} (got {upsample}); 1 finds faces down to about 40 px, 2 about 20 px");
    }

    public static string ModelId => FaceDescriptorNet.ModelId;

    public IReadOnlyList<EncodedFace> Encode(BgrImage image)
    {
        var detections = _detector.Detect(image);
        return Describe(image, detections);
    }

    /// <summary>Landmarks, chips and descriptors for faces already found.</summary>
    public IReadOnlyList<EncodedFace> Describe(BgrImage image, IReadOnlyList<DetectedFace> detections)
    {
        if (detections.Count == 0) return [];
        var landmarks = _landmarks.Detect(image, detections);
        const int plane = 3 * FaceAligner.ChipSize * FaceAligner.ChipSize;
        if (_chips.Length < detections.Count * _jitters * plane) _chips = new float[detections.Count * _jitters * plane];
        var chips = _chips;
        for (var i = 0; i < detections.Count; i++)
        {
            var random = _jitters > 1 ? new Random(1000 + i) : null;
            for (var j = 0; j < _jitters; j++)
                _aligner.Chip(image, landmarks[i], chips.AsSpan((i * _jitters + j) * plane, plane), j == 0 ? null : random);
        }
        var descriptors = _descriptor.Compute(chips, detections.Count * _jitters);
        var faces = new EncodedFace[detections.Count];
        for (var i = 0; i < detections.Count; i++)
        {
            var mean = new float[FaceDescriptorNet.Dimension];
            for (var j = 0; j < _jitters; j++)
            for (var k = 0; k < mean.Length; k++)
                mean[k] += descriptors[i * _jitters + j][k] / _jitters;
            var detection = detections[i];
            var quality = new FaceQuality(detection.Score, (int)Math.Round(Math.Min(detection.Width, detection.Height)),
                FaceQualityEstimator.Sharpness(chips.AsSpan(i * _jitters * plane, plane)), FaceQualityEstimator.Yaw(landmarks[i]),
                image.Width, image.Height);
            faces[i] = new EncodedFace(detection, landmarks[i], mean, quality);
        }
        return faces;
    }

    // The detectors hold only managed buffers and the networks; the networks belong to the models.
    public void Dispose() => _owned?.Dispose();
}
