namespace FaceClustering.Tests.Encodings;

/// <summary>The faces of one or more encodings files in memory: vectors in one flat buffer, a repeated record counted once, each shard's dataset root kept.</summary>
public sealed class FaceSetTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static FaceRecord Face(int seed, string path = "photos/a.jpg") => SampleRecords.Face(seed, path);

    [Fact]
    public void A_record_that_repeats_an_earlier_one_counts_once()
    {
        var path = _temp.Combine("dup.msgpack");
        // The same photo and box twice (a merged file, a shard appended twice); the same box in another photo is another face.
        EncodingsWriter.WriteAll(path, EncodingsHeader.Create("m", "cnn"), [Face(1), Face(2), Face(1), Face(1, "photos/b.jpg")]);
        var faces = FaceSet.Load(path);
        Assert.Equal(3, faces.Count);
        Assert.Equal(1, faces.DuplicatesDropped);
        Assert.Equal(["photos/a.jpg", "photos/a.jpg", "photos/b.jpg"], faces.ImagePaths);
    }

    [Fact]
    public void Shards_load_as_one_set_in_the_order_given_each_with_its_dataset_root()
    {
        var first = _temp.Combine("s1.msgpack");
        var second = _temp.Combine("s2.msgpack");
        EncodingsWriter.WriteAll(first, EncodingsHeader.Create("m", "cnn", "/photos/2019"), [Face(1, "a.jpg"), Face(2, "b.jpg")]);
        EncodingsWriter.WriteAll(second, EncodingsHeader.Create("m", "hog", "/photos/2020"), [Face(3, "c.jpg")]);
        var faces = FaceSet.LoadAll([second, first]);
        Assert.Equal(["c.jpg", "a.jpg", "b.jpg"], faces.ImagePaths);
        Assert.Equal(["/photos/2020", "/photos/2019"], faces.DatasetRoots);
        Assert.Equal("hog", faces.Header.Detector); // the first shard's header stands for the set
        Assert.Equal(3 * FaceRecord.EncodingLength, faces.Vectors.Length);
        Assert.Equal(Face(1, "a.jpg").Encoding, faces.Vector(1).ToArray());
        Assert.Equal(Face(2).Box, faces.Boxes[2]);
        Assert.Equal(Face(3).Quality, faces.Qualities[0]);
    }

    [Fact]
    public void Yaws_follow_the_faces_asked_for_and_are_unknown_without_quality()
    {
        var header = EncodingsHeader.Create("m", "cnn");
        var turned = Face(1) with { Quality = new FaceQuality(0.9f, 80, 50, -27.5f, 250, 250) };
        var unknown = Face(2, "photos/b.jpg") with { Quality = null };
        var frontal = Face(3, "photos/c.jpg") with { Quality = new FaceQuality(0.9f, 80, 50, 3f, 250, 250) };
        var faces = FaceSet.FromRecords(header, [turned, unknown, frontal]);
        Assert.Equal([3f, -27.5f, float.NaN], faces.Yaws([2, 0, 1]));
        Assert.Empty(faces.Yaws([]));
    }

    [Fact]
    public void Shards_of_two_models_or_one_file_twice_are_refused()
    {
        var first = _temp.Combine("s1.msgpack");
        var other = _temp.Combine("s2.msgpack");
        EncodingsWriter.WriteAll(first, EncodingsHeader.Create("dlib", "cnn"), [Face(1)]);
        EncodingsWriter.WriteAll(other, EncodingsHeader.Create("arcface", "cnn"), [Face(2)]);
        var mixed = Assert.Throws<InputException>(() => FaceSet.LoadAll([first, other]));
        Assert.Contains("'s1.msgpack' uses 'dlib'", mixed.Message.Replace(_temp.Path + Path.DirectorySeparatorChar, ""));
        Assert.Contains("encode them again with one model", mixed.Message);
        var twice = Assert.Throws<InputException>(() => FaceSet.LoadAll([first, Path.Combine(_temp.Path, ".", "s1.msgpack")]));
        Assert.Contains("is given 2 times", twice.Message);
    }
}
