namespace FaceClustering.Tests.Encodings;

/// <summary>
/// The header: this build writes version 2 and reads back from 1; the dataset root and the settings that shape the
/// faces travel with the file; settings count only when all three were recorded.
/// </summary>
public class EncodingsHeaderTests
{
    [Fact]
    public void A_new_header_is_the_current_version_made_now()
    {
        var before = DateTimeOffset.UtcNow;
        var header = EncodingsHeader.Create("dlib_resnet_v1", "cnn");
        Assert.InRange(header.Created, before, DateTimeOffset.UtcNow);
        Assert.Equal((2, 1), (EncodingsHeader.CurrentVersion, EncodingsHeader.OldestReadable));
        Assert.Equal(EncodingsHeader.CurrentVersion, header.Version);
        Assert.Equal(0, header.OptionalCount);
        Assert.Equal(4, (header with { DatasetRoot = "/p", Settings = new EncodeSettings(1, 1, "int8") }).OptionalCount);
    }

    [Fact]
    public void The_dataset_root_and_settings_travel_with_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("e.msgpack");
        var header = EncodingsHeader.Create("m", "hog", "/photos/ünï", new EncodeSettings(2, 10, "none"));
        EncodingsWriter.WriteAll(path, header, []);
        var read = FaceSet.Load(path).Header;
        Assert.Equal(("m", "hog", "/photos/ünï"), (read.Model, read.Detector, read.DatasetRoot));
        Assert.Equal(new EncodeSettings(2, 10, "none"), read.Settings);
        Assert.Equal(header.Created.ToUnixTimeSeconds(), read.Created.ToUnixTimeSeconds());
        Assert.Equal("upsample 2, jitters 10, precision none", read.Settings!.ToString());
    }

    [Fact]
    public void Settings_count_only_when_all_were_recorded()
    {
        Assert.Equal(new EncodeSettings(1, 1, "int8"), EncodeSettings.From(1, 1, "int8"));
        Assert.Null(EncodeSettings.From(1, null, "int8"));
        Assert.Null(EncodeSettings.From(null, 1, "int8"));
        Assert.Null(EncodeSettings.From(1, 1, null));
    }
}
