using FaceClustering.Core.Detection;

namespace FaceClustering.Tests.Detection;

/// <summary>The detectors by the names the encodings header records; any other name refused with the ones there are.</summary>
public class DetectionMethodTests
{
    [Fact]
    public void Names_parse_back_to_their_method_and_others_are_refused()
    {
        Assert.Equal(["cnn", "hog"], DetectionMethodNames.All);
        foreach (var method in Enum.GetValues<DetectionMethod>())
            Assert.Equal(method, DetectionMethodNames.Parse(method.Name()));
        var error = Assert.Throws<OptionException>(() => DetectionMethodNames.Parse("CNN"));
        Assert.Equal(Setting.DetectionMethod, error.Setting);
        Assert.Equal("the detection-method setting is not a detection method; use cnn or hog (got CNN)", error.Message);
    }
}
