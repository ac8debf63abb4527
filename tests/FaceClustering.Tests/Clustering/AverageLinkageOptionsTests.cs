using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>Average linkage's threshold: 0.55 by default (chosen on the tune split and the dev set), refused unless positive and finite.</summary>
public class AverageLinkageOptionsTests
{
    [Fact]
    public void The_default_threshold_is_the_chosen_one_and_bad_values_are_refused()
    {
        Assert.Equal(0.55, new AverageLinkageOptions().Threshold);
        Assert.Equal(AverageLinkageOptions.DefaultThreshold, new AverageLinkageOptions().Threshold);
        Assert.Equal(Setting.Threshold, Assert.Throws<OptionException>(() => new AverageLinkageOptions { Threshold = -0.1 }).Setting);
        Assert.Equal(Setting.Threshold, Assert.Throws<OptionException>(() => new AverageLinkageOptions { Threshold = double.PositiveInfinity }).Setting);
        Assert.Equal(Setting.Jobs, Assert.Throws<OptionException>(() => new AverageLinkageOptions { Jobs = 0 }).Setting);
    }
}
