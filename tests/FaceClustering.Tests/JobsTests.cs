namespace FaceClustering.Tests;

/// <summary>Worker counts: -1 for every core or a positive number; anything else refused by setting.</summary>
public class JobsTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(64)]
    public void Every_core_or_a_positive_count_is_taken(int jobs) => Assert.Equal(jobs, Jobs.Checked(jobs));

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(int.MinValue)]
    public void Zero_and_other_negatives_are_refused(int jobs)
    {
        var error = Assert.Throws<OptionException>(() => Jobs.Checked(jobs));
        Assert.Equal(Setting.Jobs, error.Setting);
        Assert.Equal($"the jobs setting must be -1 (all cores) or a positive number (got {jobs})", error.Message);
    }

    [Fact]
    public void Every_core_means_the_processor_count()
    {
        Assert.Equal(Environment.ProcessorCount, Jobs.Effective(Jobs.EveryCore));
        Assert.Equal(3, Jobs.Effective(3));
    }
}
