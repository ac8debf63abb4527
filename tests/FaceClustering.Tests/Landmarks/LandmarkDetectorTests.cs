using FaceClustering.Core.Detection;
using FaceClustering.Core.Detection.Hog;
using FaceClustering.Core.Inference;
using FaceClustering.Core.Landmarks;

namespace FaceClustering.Tests.Landmarks;

/// <summary>
/// 68 landmarks per detected face, averaged with those of the mirrored crop: on a real face the points sit where a
/// face has them, and the detector is mirror-symmetric (the mirrored photo gives the mirrored points).
/// </summary>
[Collection(nameof(ModelsCollection))]
public class LandmarkDetectorTests(ModelsFixture models)
{
    [Fact]
    public void Points_sit_where_a_face_has_them_and_a_mirrored_photo_gives_the_mirrored_points()
    {
        models.SkipIfMissing();
        Assert.SkipWhen(Repository.DevDataset is null, "../shared/datasets/dev is not present beside the repository");
        var folder = Path.Combine(Repository.DevDataset!, "images", "amy");
        using var photo = TestImages.Read(Directory.GetFiles(folder).Order(StringComparer.Ordinal).First());
        var found = new HogFaceDetector(upsample: 1).Detect(photo);
        Assert.NotEmpty(found);
        // A square box in whole pixels, so that the mirrored crop is the crop mirrored pixel for pixel.
        var f = found.MaxBy(d => d.Area);
        var side = Math.Floor(Math.Min(f.Width, f.Height));
        var box = new DetectedFace(Math.Floor(f.Left), Math.Floor(f.Top), Math.Floor(f.Left) + side, Math.Floor(f.Top) + side, f.Score);

        using var net = new LandmarkNet(models.Weights(LandmarkNet.ModelStem), new InferenceSessionFactory());
        var detector = new LandmarkDetector(net);
        var points = Assert.Single(detector.Detect(photo, [box]));
        Assert.Equal(68, points.X.Length);
        // Inside the box (with a margin for the jaw), eyes above the nose tip above the mouth, the image-left eye (36-41) left of the other.
        Assert.All(Enumerable.Range(0, 68), p =>
            Assert.True(points.X[p] > box.Left - side / 4 && points.X[p] < box.Right + side / 4 && points.Y[p] > box.Top - side / 4 && points.Y[p] < box.Bottom + side / 4, $"point {p}"));
        double Mean(double[] v, int from, int to) => v[from..(to + 1)].Average();
        Assert.True(Mean(points.Y, 36, 47) < points.Y[30] && points.Y[30] < Mean(points.Y, 48, 67));
        Assert.True(Mean(points.X, 36, 41) < Mean(points.X, 42, 47));

        using var mirrored = new BgrImage(photo.Width, photo.Height);
        for (var y = 0; y < photo.Height; y++)
        for (var x = 0; x < photo.Width; x++) mirrored[y, photo.Width - 1 - x] = photo[y, x];
        var mirroredBox = box with { Left = photo.Width - box.Right, Right = photo.Width - box.Left };
        var back = Assert.Single(detector.Detect(mirrored, [mirroredBox]));
        var permutation = FaceLandmarks.MirrorPermutation;
        for (var p = 0; p < 68; p++)
        {
            var m = permutation[p];
            // Pixel x in the mirrored photo is W - 1 - x; points are in pixel-edge coordinates, so x maps to W - x, less one pixel of the 112-px grid.
            Assert.True(Math.Abs(points.X[p] - (photo.Width - back.X[m])) < side / 112.0 + 0.5, $"point {p}: x {points.X[p]:F2} against {photo.Width - back.X[m]:F2}");
            Assert.True(Math.Abs(points.Y[p] - back.Y[m]) < 0.5, $"point {p}: y {points.Y[p]:F2} against {back.Y[m]:F2}");
        }
        Assert.Empty(detector.Detect(photo, []));
    }
}
