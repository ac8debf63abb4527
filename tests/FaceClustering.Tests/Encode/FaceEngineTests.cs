using FaceClustering.Core.Detection;
using FaceClustering.Core.Encode;

namespace FaceClustering.Tests.Encode;

/// <summary>
/// Photo in, faces out: a box, landmarks, a 128-d descriptor and the face's quality per face, the same on every run;
/// jitters move the descriptor a little; engines on shared networks leave them to their owner.
/// </summary>
[Collection(nameof(ModelsCollection))]
public class FaceEngineTests(ModelsFixture models)
{
    private static BgrImage Photo(string name)
    {
        Assert.SkipWhen(Repository.DevDataset is null, "../shared/datasets/dev is not present beside the repository");
        return TestImages.Read(Path.Combine(Repository.DevDataset!, "images", name));
    }

    [Fact]
    public void Each_face_gets_a_box_landmarks_a_descriptor_and_its_quality_the_same_every_time()
    {
        models.SkipIfMissing();
        using var photo = Photo(Path.Combine("_group", "bbt1.jpg"));
        using var engine = new FaceEngine(models.Store, new FaceEngineOptions { DetectionMethod = DetectionMethod.Hog });
        var faces = engine.Encode(photo);
        Assert.True(faces.Count >= 3, $"{faces.Count} faces in a group photo");
        foreach (var face in faces)
        {
            Assert.Equal(FaceRecord.EncodingLength, face.Encoding.Length);
            Assert.All(face.Encoding, v => Assert.True(float.IsFinite(v)));
            Assert.Equal(68, face.Landmarks.X.Length);
            Assert.Equal((photo.Width, photo.Height), (face.Quality.PhotoWidth, face.Quality.PhotoHeight));
            Assert.Equal((int)Math.Round(Math.Min(face.Detection.Width, face.Detection.Height)), face.Quality.Size);
            Assert.True(face.Quality.Sharpness > 0 && Math.Abs(face.Quality.Yaw) < 90);
            var box = face.Box;
            Assert.True(box.Left < box.Right && box.Top < box.Bottom && box.Left >= 0 && box.Bottom <= photo.Height);
        }
        // Different people in one photo are far apart; the same photo again gives the same bits.
        Assert.True(Distance(faces[0].Encoding, faces[1].Encoding) > 0.4);
        var again = engine.Encode(photo);
        Assert.Equal(faces.Select(f => f.Encoding), again.Select(f => f.Encoding));
        // Faces already found are described as Encode describes them.
        Assert.Equal(faces.Select(f => f.Encoding), engine.Describe(photo, faces.Select(f => f.Detection).ToList()).Select(f => f.Encoding));
        Assert.Empty(engine.Describe(photo, []));
    }

    [Fact]
    public void Jitters_move_the_descriptor_a_little_and_shared_networks_outlive_an_engine()
    {
        models.SkipIfMissing();
        using var photo = Photo(Path.Combine("amy", "amy1.png"));
        var options = new FaceEngineOptions { DetectionMethod = DetectionMethod.Hog };
        using var shared = new FaceModels(models.Store, options with { Jitters = 4 });
        float[] jittered;
        using (var engine = new FaceEngine(shared)) jittered = engine.Encode(photo)[0].Encoding;
        using var second = new FaceEngine(shared); // the first engine's Dispose left the networks alone
        Assert.Equal(jittered, second.Encode(photo)[0].Encoding);

        using var plain = new FaceEngine(models.Store, options);
        var distance = Distance(jittered, plain.Encode(photo)[0].Encoding);
        Assert.InRange(distance, 1e-4, 0.15);
    }

    private static double Distance(float[] a, float[] b) => Core.Clustering.VectorDistance.Euclidean(a, b);
}
