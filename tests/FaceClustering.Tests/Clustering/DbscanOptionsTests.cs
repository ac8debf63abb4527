using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>DBSCAN's parameters: scikit-learn's defaults (eps 0.5, min_samples 5), each refused by setting where no run can use it.</summary>
public class DbscanOptionsTests
{
    [Fact]
    public void Defaults_are_scikit_learns_and_bad_values_are_refused()
    {
        var options = new DbscanOptions();
        Assert.Equal((0.5, 5, Jobs.EveryCore, true), (options.Eps, options.MinSamples, options.Jobs, options.Quantize));
        Assert.Equal(Setting.Threshold, Assert.Throws<OptionException>(() => new DbscanOptions { Eps = 0 }).Setting);
        Assert.Equal(Setting.Threshold, Assert.Throws<OptionException>(() => new DbscanOptions { Eps = double.NaN }).Setting);
        Assert.Equal(Setting.MinSamples, Assert.Throws<OptionException>(() => new DbscanOptions { MinSamples = 0 }).Setting);
        Assert.Equal(Setting.Jobs, Assert.Throws<OptionException>(() => new DbscanOptions { Jobs = -3 }).Setting);
        Assert.Equal(1, new DbscanOptions { MinSamples = 1 }.MinSamples);
    }
}
