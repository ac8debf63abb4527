using FaceClustering.Core.Detection;
using FaceClustering.Core.Detection.Hog;
using FaceClustering.Core.Embedding;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.Inference;
using FaceClustering.Core.Landmarks;
using FaceClustering.Core.Models;
using FaceClustering.Core.Imaging;

namespace FaceClustering.Core.Encode;

/// <summary>
/// Photo in, faces out: detect, find 68 landmarks, cut dlib's aligned 150x150 chip, compute the 128-d
/// descriptor. One engine is used by one thread at a time; engines may share one <see cref="FaceModels"/>, and run
/// with the options the models were built for. Whoever makes the models disposes them: an engine disposes only the
/// models it made itself.
/// </summary>
public sealed class FaceEngine : IDisposable
{
    private readonly IFaceDetector _detector;
    private readonly LandmarkDetector _landmarks;
    private readonly FaceAligner _aligner;
    private readonly FaceDescriptorNet _descriptor;
    private readonly int _jitters;
    private readonly FaceModels? _owned; // made by this engine, so disposed by it
    private float[] _chips = []; // kept between photos: a fresh array a photo is fresh memory to fault in

    /// <summary>An engine with networks of its own.</summary>
    public FaceEngine(ModelStore models, FaceEngineOptions options)
        : this(new FaceModels(models, options), owns: true)
    {
    }

    /// <summary>An engine on shared networks (which the caller disposes, after the engines), run as they were built to.</summary>
    public FaceEngine(FaceModels models)
        : this(models, owns: false)
    {
    }

    private FaceEngine(FaceModels models, bool owns)
    {
        var options = models.Options;
        _detector = options.DetectionMethod == DetectionMethod.Hog
            ? new HogFaceDetector(options.Upsample)
            : new SsdFaceDetector(models.Ssd!, options.MinConfidence, options.Upsample);
        _landmarks = new LandmarkDetector(models.Landmarks);
        _descriptor = models.Descriptor;
        _aligner = new FaceAligner(options.Template);
        _jitters = options.Jitters;
        _owned = owns ? models : null;
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

    // The detectors hold only managed buffers; the networks belong to the models.
    public void Dispose() => _owned?.Dispose();
}
