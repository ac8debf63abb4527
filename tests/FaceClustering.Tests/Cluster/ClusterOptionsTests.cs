using FaceClustering.Core.Cluster;
using FaceClustering.Core.Clustering;
using FaceClustering.Core.Export;

namespace FaceClustering.Tests.Cluster;

/// <summary>
/// The cluster run's options, each checked where it is set (by setting, with the value): the defaults a bare run
/// gets, the threshold each algorithm takes by default, and the places of the people and curation files.
/// </summary>
public class ClusterOptionsTests
{
    [Fact]
    public void A_bare_run_gets_the_documented_defaults()
    {
        var options = new ClusterOptions();
        Assert.Equal([Path.Combine("encodings", "encodings.msgpack")], options.EncodingsPaths);
        Assert.Equal(Path.Combine("results", "default_result"), options.OutputPath);
        Assert.Equal(ClusteringAlgorithm.AverageLinkage, options.Algorithm);
        Assert.Equal(AverageLinkageOptions.DefaultThreshold, options.EffectiveThreshold);
        Assert.Equal((5, 0, Jobs.EveryCore), (options.MinSamples, options.MinFaceSize, options.Jobs));
        Assert.Equal((LinkMode.Copy, ResultsLayout.People, SidecarPlace.None), (options.Link, options.Layout, options.Xmp));
        Assert.False(options.AllowSamePhoto || options.Overwrite || options.NoImages || options.NoPeople || options.AllowOutsideDataset);
    }

    [Fact]
    public void Each_algorithm_takes_its_own_default_threshold_unless_one_is_given()
    {
        Assert.Equal(ClusterOptions.OriginalEps, new ClusterOptions { Algorithm = ClusteringAlgorithm.Dbscan }.EffectiveThreshold);
        Assert.Equal(ClusterOptions.OriginalEps, new ClusterOptions { Algorithm = ClusteringAlgorithm.ChineseWhispers }.EffectiveThreshold);
        var given = new ClusterOptions { Algorithm = ClusteringAlgorithm.Dbscan, Threshold = 0.42, MinSamples = 3, Jobs = 2 };
        Assert.Equal((0.42, 3, 2), (given.Dbscan.Eps, given.Dbscan.MinSamples, given.Dbscan.Jobs));
        Assert.Equal(0.42, new ClusterOptions { Threshold = 0.42 }.Linkage.Threshold);
    }

    public static TheoryData<Func<ClusterOptions>, Setting, string> Refusals => new()
    {
        { () => new ClusterOptions { Threshold = 0 }, Setting.Threshold, "the threshold setting must be a positive number (got 0)" },
        { () => new ClusterOptions { Threshold = double.NaN }, Setting.Threshold, "the threshold setting must be a positive number (got NaN)" },
        { () => new ClusterOptions { Threshold = double.PositiveInfinity }, Setting.Threshold, "the threshold setting must be a positive number (got Infinity)" },
        { () => new ClusterOptions { MinSamples = 0 }, Setting.MinSamples, "the min-samples setting must be at least 1 (got 0)" },
        { () => new ClusterOptions { MinFaceSize = -1 }, Setting.MinFaceSize, "the min-face-size setting must be 0 or more pixels (got -1)" },
        { () => new ClusterOptions { Jobs = 0 }, Setting.Jobs, "the jobs setting must be -1 (all cores) or a positive number (got 0)" },
        { () => new ClusterOptions { EncodingsPaths = [] }, Setting.Encodings, "the encodings setting is missing; give the encodings file that encode wrote" },
        { () => new ClusterOptions { EncodingsPaths = ["a.msgpack", ""] }, Setting.Encodings, "the encodings setting is an empty path; give one such as encodings/encodings.msgpack" },
        { () => new ClusterOptions { OutputPath = "" }, Setting.Output, "the output setting is an empty path; give one such as results/mine" },
        { () => new ClusterOptions { PeoplePath = "a\0" }, Setting.People, "the people setting holds a NUL character; no file has such a name" },
        { () => new ClusterOptions { NoPeople = true, Xmp = SidecarPlace.Results }, Setting.Xmp, "the xmp setting names the people of the people file: it cannot go with the no-people setting" },
        { () => new ClusterOptions { Xmp = SidecarPlace.BesidePhotos, NoPeople = true }, Setting.Xmp, "the xmp setting names the people of the people file: it cannot go with the no-people setting" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_value_no_run_can_use_is_refused_where_it_is_set(Func<ClusterOptions> make, Setting setting, string message)
    {
        var error = Assert.Throws<OptionException>(make);
        Assert.Equal(setting, error.Setting);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_people_file_sits_beside_the_first_encodings_file_and_the_curation_file_beside_it()
    {
        var options = new ClusterOptions { EncodingsPaths = [Path.Combine("enc", "a.msgpack"), Path.Combine("other", "b.msgpack")] };
        Assert.Equal(Path.Combine("enc", "people.json"), options.EffectivePeoplePath);
        Assert.Equal(Path.Combine("enc", "curation.txt"), options.EffectiveCurationPath);
        var bare = new ClusterOptions { EncodingsPaths = ["a.msgpack"], PeoplePath = Path.Combine("p", "me.json") };
        Assert.Equal(Path.Combine("p", "curation.txt"), bare.EffectiveCurationPath);
        Assert.Equal(Path.Combine(".", "people.json"), new ClusterOptions { EncodingsPaths = ["a.msgpack"] }.EffectivePeoplePath);
    }
}
