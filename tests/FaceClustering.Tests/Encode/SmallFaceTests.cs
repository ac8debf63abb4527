using FaceClustering.Core.Detection;
using FaceClustering.Core.Inference;
using FaceClustering.Core.Models;
using FaceClustering.Testing.Calibration;

namespace FaceClustering.Tests.Encode;

/// <summary>Faces down to about 40 px wide are found in photos of any size, with boxes in original pixels.</summary>
[Collection(nameof(ModelsCollection))]
public class SmallFaceTests(ModelsFixture models, ITestOutputHelper output)
{
    [Theory]
    [InlineData(SsdPrecision.Int8)]
    [InlineData(SsdPrecision.Float)]
    public void Faces_of_about_40_px_in_a_4000_by_3000_photo_are_found(SsdPrecision precision)
    {
        models.SkipIfMissing();
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        var reference = DlibReferenceSet.Load(Path.Combine(dev!, "dlib_reference.json"), Path.Combine(dev!, "images"));

        BgrImage canvas;
        // A large textured canvas with ten real faces shrunk to about 40 px, some straddling window borders.
        // (Noise at a quarter of the size, enlarged bilinearly: a smooth texture, like blurred noise.)
        using (var coarse = TestImages.Noise(1000, 750, seed: 3, low: 60, high: 200))
            canvas = TestImages.Scaled(coarse, 4);
        var random = new Random(11);
        var planted = new List<FaceBox>();
        foreach (var record in reference.Records.Where((_, i) => i % 3 == 0).Take(10))
        {
            using var photo = PhotoReader.TryRead(Path.Combine(reference.ImageFolder, record.ImagePath))!;
            var box = record.Box;
            var margin = box.Width; // keep context around the face
            var crop = new PixelRect(box.Left - margin, box.Top - margin, box.Width + 2 * margin, box.Height + 2 * margin)
                .Intersect(new PixelRect(0, 0, photo.Width, photo.Height));
            var scale = 40.0 / box.Width;
            using var cropped = photo.View(crop);
            using var small = TestImages.Scaled(cropped, scale);
            PixelRect at;
            do at = new PixelRect(random.Next(0, 4000 - small.Width), random.Next(0, 3000 - small.Height), small.Width, small.Height);
            while (planted.Any(p => DlibReferenceSet.Iou(p, new FaceBox(at.Y - 200, at.Right + 200, at.Bottom + 200, at.X - 200)) > 0));
            TestImages.Paste(small, canvas, at.X, at.Y);
            var left = at.X + (int)((box.Left - crop.X) * scale);
            var top = at.Y + (int)((box.Top - crop.Y) * scale);
            planted.Add(new FaceBox(top, left + (int)(box.Width * scale), top + (int)(box.Height * scale), left));
        }

        using var net = new SsdMobilenetNet(models.Weights(SsdMobilenetNet.ModelStem), new InferenceSessionFactory(threadsPerSession: 2), precision);
        var detector = new SsdFaceDetector(net);
        var found = detector.Detect(canvas)
            .Select(d => new FaceBox((int)d.Top, (int)d.Right, (int)d.Bottom, (int)d.Left)).ToList();
        var matched = planted.Count(p => DlibReferenceSet.Match(p, found, 0.3) >= 0);
        output.WriteLine($"{matched} of {planted.Count} faces of about 40 px found; {found.Count} boxes in all");
        Assert.True(matched >= 9, $"only {matched} of {planted.Count} small faces found");
        Assert.True(found.Count <= planted.Count + 2, $"{found.Count} boxes for {planted.Count} faces");
    }
}
