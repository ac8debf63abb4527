namespace FaceClustering.Core;

/// <summary>Worker thread counts as every run takes them: -1 for every core, or a positive number.</summary>
public static class Jobs
{
    public const int EveryCore = -1;

    /// <summary><paramref name="jobs"/>, refused with one line unless it is -1 or positive.</summary>
    public static int Checked(int jobs) =>
        jobs == 0 || jobs < EveryCore ? throw new OptionException(Setting.Jobs, jobs, $"must be -1 (all cores) or a positive number") : jobs;

    public static int Effective(int jobs) => jobs == EveryCore ? Environment.ProcessorCount : jobs;
}
