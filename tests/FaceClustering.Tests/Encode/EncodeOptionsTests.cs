using FaceClustering.Core.Encode;

namespace FaceClustering.Tests.Encode;

/// <summary>The encode run's options: the defaults a bare run gets, and paths no system could open refused where they are set.</summary>
public class EncodeOptionsTests
{
    [Fact]
    public void A_bare_run_encodes_the_demo_photos_into_the_default_file_on_every_core()
    {
        var options = new EncodeOptions();
        Assert.Equal("datasets/default_dataset", options.Dataset);
        Assert.Equal(Path.Combine("encodings", "encodings.msgpack"), options.EncodingsPath);
        Assert.Equal((Jobs.EveryCore, Environment.ProcessorCount), (options.Jobs, options.EffectiveJobs));
        Assert.Null(options.InputPaths);
        Assert.Null(options.ModelsFolder);
        Assert.False(options.Update || options.Wait);
        Assert.Equal(new FaceEngineOptions(), options.Engine);
    }

    [Fact]
    public void Paths_no_system_could_open_are_refused_by_setting()
    {
        Assert.Equal(Setting.Dataset, Assert.Throws<OptionException>(() => new EncodeOptions { Dataset = "" }).Setting);
        Assert.Equal(Setting.Encodings, Assert.Throws<OptionException>(() => new EncodeOptions { EncodingsPath = "e\0" }).Setting);
        Assert.Equal(Setting.Models, Assert.Throws<OptionException>(() => new EncodeOptions { ModelsFolder = "" }).Setting);
        var listed = Assert.Throws<OptionException>(() => new EncodeOptions { InputPaths = ["a.jpg", "b\0.jpg"] });
        Assert.Equal("the dataset setting lists a photo path that holds a NUL character; no file has such a name", listed.Message);
        Assert.Equal(Setting.Jobs, Assert.Throws<OptionException>(() => new EncodeOptions { Jobs = 0 }).Setting);
    }

    [Theory]
    [InlineData("a.JPG", true)]
    [InlineData("a.jpeg", true)]
    [InlineData("a.HEIC", true)]
    [InlineData("a.avif", true)]
    [InlineData("a.webp", true)]
    [InlineData("a.gif", false)]
    [InlineData("a.txt", false)]
    [InlineData("a.jpg.xmp", false)]
    public void The_photo_extensions_are_matched_in_any_case(string name, bool photo)
        => Assert.Equal(photo, EncodeOptions.ImageExtensions.Contains(Path.GetExtension(name)));
}
