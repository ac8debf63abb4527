using FaceClustering.Core.Embedding;
using FaceClustering.Core.Encode;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.Imaging;
using FaceClustering.Core.Inference;
using FaceClustering.Core.Landmarks;
using FaceClustering.Core.Models;

namespace FaceClustering.Testing.Calibration;

/// <summary>
/// Our faces matched to dlib's reference faces (detection and landmarks done once), so that alignment
/// templates can be measured, and fitted, by the descriptor distance to dlib's own descriptors.
/// </summary>
public sealed class FidelityProbe : IDisposable
{
    private readonly List<BgrImage> _images = [];
    private readonly List<(int Image, FaceLandmarks Landmarks, float[] Reference)> _faces = [];
    private readonly FaceDescriptorNet _descriptor;

    private FidelityProbe(FaceDescriptorNet descriptor) => _descriptor = descriptor;

    public int Count => _faces.Count;

    /// <summary>The identity (first folder of the photo path) of each matched face.</summary>
    public List<string> Identities { get; } = [];

    public static FidelityProbe Prepare(ModelStore store, DlibReferenceSet reference, FaceEngineOptions options)
    {
        var sessions = new InferenceSessionFactory(options.Device, options.ThreadsPerSession);
        using var engine = new FaceEngine(store, options);
        var probe = new FidelityProbe(new FaceDescriptorNet(TfjsWeights.Load(store.Folder, FaceDescriptorNet.ModelStem), sessions,
            options.DescriptorInputScale));
        foreach (var group in reference.Records.GroupBy(r => r.ImagePath))
        {
            var image = PhotoReader.TryRead(Path.Combine(reference.ImageFolder, group.Key));
            if (image is null) continue;
            var found = engine.Encode(image);
            var boxes = found.Select(f => f.Box).ToList();
            var used = false;
            foreach (var record in group)
            {
                var match = DlibReferenceSet.Match(record.Box, boxes);
                if (match < 0) continue;
                probe._faces.Add((probe._images.Count, found[match].Landmarks, record.Encoding));
                probe.Identities.Add(group.Key.Split('/')[0]);
                used = true;
            }
            if (used) probe._images.Add(image); else image.Dispose();
        }
        return probe;
    }

    /// <summary>Distance to dlib's descriptor for every matched face, with chips cut through <paramref name="template"/>.</summary>
    public IReadOnlyList<double> Distances(AlignmentTemplate template)
    {
        var aligner = new FaceAligner(template);
        const int plane = 3 * FaceAligner.ChipSize * FaceAligner.ChipSize;
        var chips = new float[_faces.Count * plane];
        for (var i = 0; i < _faces.Count; i++)
            aligner.Chip(_images[_faces[i].Image], _faces[i].Landmarks, chips.AsSpan(i * plane, plane));
        var descriptors = _descriptor.Compute(chips, _faces.Count);
        return _faces.Select((f, i) => DlibReferenceSet.Distance(descriptors[i], f.Reference)).ToList();
    }

    /// <summary>
    /// Nelder-Mead over the template's ten coordinates, minimising the mean distance to dlib's descriptors on
    /// the faces <paramref name="include"/> selects.
    /// </summary>
    public AlignmentTemplate Fit(AlignmentTemplate start, Func<int, bool> include, int iterations = 300)
    {
        var selected = Enumerable.Range(0, _faces.Count).Where(include).ToHashSet();
        double Cost(double[] v)
        {
            var d = Distances(AlignmentTemplate.FromVector(v));
            return d.Where((_, i) => selected.Contains(i)).Average();
        }
        var best = NelderMead.Minimize(Cost, start.ToVector(), step: 0.01, iterations);
        return AlignmentTemplate.FromVector(best);
    }

    public void Dispose()
    {
        foreach (var image in _images) image.Dispose();
        _descriptor.Dispose();
    }
}
