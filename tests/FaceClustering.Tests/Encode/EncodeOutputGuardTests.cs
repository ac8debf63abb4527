using System.Security.Cryptography;

namespace FaceClustering.Tests.Encode;

/// <summary>encode writes its encodings file, journal and index only where nothing else is: never over a photo or a foreign file.</summary>
public class EncodeOutputGuardTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Dataset()
    {
        var dataset = _temp.Combine("photos");
        Directory.CreateDirectory(dataset);
        using var blank = TestImages.Solid(160, 120, 90);
        TestImages.Write(blank, Path.Combine(dataset, "photo.jpg"));
        return dataset;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Theory]
    [InlineData("photo", "encodings file")]
    [InlineData("text", "encodings file")]
    [InlineData("journal", "journal")]
    [InlineData("index", "index")]
    public void A_file_encode_did_not_make_is_refused_with_one_line_and_left_as_it_is(string occupant, string what)
    {
        var dataset = Dataset();
        var encodings = occupant == "photo" ? Path.Combine(dataset, "photo.jpg") : _temp.Combine("e.msgpack");
        var victim = occupant switch
        {
            "photo" => encodings,
            "text" => encodings,
            "journal" => encodings + ImageLog.JournalSuffix,
            _ => encodings + ImageLog.IndexSuffix,
        };
        if (occupant != "photo") File.WriteAllText(victim, "my notes, not made by encode\n");
        var before = Hash(victim);

        var result = EncodeCommand.InProcess("-i", dataset, "-e", encodings, "--models", _temp.Combine("no-models"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"encode: '{victim}' exists and is not an {what} that encode made; it is left as it is: " +
                     "choose another encodings path, or move that file away", result.Stderr.Trim());
        Assert.Equal(before, Hash(victim));
        Assert.False(Directory.Exists(_temp.Combine("no-models"))); // refused before anything was restored or written
    }

    [Fact]
    public void A_folder_or_an_empty_path_is_refused()
    {
        var dataset = Dataset();
        var folder = _temp.Combine("a-folder");
        Directory.CreateDirectory(folder);
        var result = EncodeCommand.InProcess("-i", dataset, "-e", folder);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"'{folder}' is a folder, not an encodings file", result.Stderr);
        var empty = EncodeCommand.InProcess("-i", dataset, "-e", "");
        Assert.Equal(2, empty.ExitCode);
        Assert.StartsWith("encode: -e is an empty path; give one such as encodings/encodings.msgpack\n", empty.Stderr.Replace("\r", ""));
        var noDataset = EncodeCommand.InProcess("-i", "", "-e", _temp.Combine("e.msgpack"));
        Assert.Equal(2, noDataset.ExitCode);
        Assert.StartsWith("encode: -i is an empty path", noDataset.Stderr);
    }

    [Fact]
    public void An_encodings_file_encode_made_may_be_replaced()
    {
        var encodings = _temp.Combine("e.msgpack");
        EncodingsWriter.WriteAll(encodings, EncodingsHeader.Create("m", "cnn"), []);
        new Core.Encode.EncodingsStore(encodings).RefuseForeignFiles(); // no exception
    }
}
