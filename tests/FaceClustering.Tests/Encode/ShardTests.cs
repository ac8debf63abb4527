using FaceClustering.Core.Encode;

namespace FaceClustering.Tests.Encode;

/// <summary>encode --shard K/N splits a library deterministically; cluster reads the shards as one input.</summary>
public class ShardTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Every_photo_falls_in_exactly_one_shard_the_same_on_every_machine()
    {
        var paths = Enumerable.Range(0, 2000).Select(i => $"{2020 + i % 5}/event {i % 37}/IMG_{i:D4}.jpg").ToList();
        var shards = Enumerable.Range(1, 4).Select(k => new Shard(k, 4)).ToList();
        foreach (var path in paths)
            Assert.Single(shards, s => s.Contains(path));
        foreach (var shard in shards)
            Assert.InRange(paths.Count(shard.Contains), 400, 600); // about a quarter each
        // FNV-1a 64 of the path with / separators (values computed independently in Python): fixed on every platform.
        Assert.True(new Shard(1, 4).Contains("a/b.jpg"));
        Assert.True(new Shard(7, 8).Contains("2024/IMG_0001.HEIC"));
        Assert.True(new Shard(7, 8).Contains("2024\\IMG_0001.HEIC")); // Windows separators give the same shard
        Assert.Throws<InputException>(() => Shard.Parse("0/4"));
        Assert.Throws<InputException>(() => Shard.Parse("5/4"));
        Assert.Equal(new Shard(3, 8), Shard.Parse("3/8"));
    }

    [Fact]
    public void Cluster_reads_several_shards_as_one_library_and_refuses_mixed_models()
    {
        var (faces, _) = SyntheticFaceLibrary.CreateFaceSet(300, seed: 3);
        var records = Enumerable.Range(0, faces.Count)
            .Select(i => new FaceRecord(faces.ImagePaths[i], faces.Boxes[i], faces.Vector(i).ToArray())).ToList();
        var header = EncodingsHeader.Create("model-a", "cnn");
        EncodingsWriter.WriteAll(_temp.Combine("all.msgpack"), header, records);
        EncodingsWriter.WriteAll(_temp.Combine("s1.msgpack"), header, records[..140]);
        EncodingsWriter.WriteAll(_temp.Combine("s2.msgpack"), header with { Detector = "other" }, records[140..]);

        var whole = ClusterCommand.InProcess("-e", _temp.Combine("all.msgpack"), "-o", _temp.Combine("r1"), "--no-images");
        var sharded = ClusterCommand.InProcess("-e", _temp.Combine("s1.msgpack"), "-e", _temp.Combine("s2.msgpack"), "-o", _temp.Combine("r2"), "--no-images");
        Assert.Equal(0, whole.ExitCode);
        Assert.Equal(0, sharded.ExitCode);
        Assert.Equal(File.ReadAllText(_temp.Combine("r1", "clusters.csv")), File.ReadAllText(_temp.Combine("r2", "clusters.csv")));

        EncodingsWriter.WriteAll(_temp.Combine("s3.msgpack"), EncodingsHeader.Create("model-b", "cnn"), records[140..]);
        var mixed = ClusterCommand.InProcess("-e", _temp.Combine("s1.msgpack"), "-e", _temp.Combine("s3.msgpack"), "-o", _temp.Combine("r3"));
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("shards made with different models cannot be clustered together", mixed.Stderr);

        // The same shard twice (also as another spelling of its path) would count its faces twice: refused.
        var twice = ClusterCommand.InProcess("-e", _temp.Combine("s1.msgpack"), "-e", Path.Combine(_temp.Path, ".", "s1.msgpack"),
            "-o", _temp.Combine("r4"), "--no-images");
        Assert.Equal(2, twice.ExitCode);
        Assert.Equal($"cluster: the encodings file '{_temp.Combine("s1.msgpack")}' is given 2 times; each face would count as several",
            twice.Stderr.Trim());
        Assert.False(Directory.Exists(_temp.Combine("r4")));
    }

    [Fact]
    public void Truth_given_a_folder_says_so()
    {
        var result = ClusterCommand.InProcess("-e", _temp.Combine("none.msgpack"), "--truth", _temp.Path, "--no-images");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"cluster: --truth '{_temp.Path}' is a folder; pass the CSV file with the header path,identity", result.Stderr.Trim());
    }
}
