namespace FaceClustering.Tests.TestSupport;

/// <summary>Face records with every field set and different per seed, for tests of the encodings file.</summary>
public static class SampleRecords
{
    public static FaceRecord Face(int seed, string path = "photos/a.jpg")
    {
        var encoding = SyntheticFaceLibrary.Identity(new Random(seed));
        return new FaceRecord(path, new FaceBox(10 + seed, 90 + seed, 110 + seed, 20 + seed), encoding,
            new FaceQuality(0.9f + seed / 100f, 80 + seed, 123.25f * seed, -30.5f + seed, 640, 480 + seed));
    }
}
