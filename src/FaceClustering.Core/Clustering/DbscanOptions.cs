namespace FaceClustering.Core.Clustering;

/// <summary>DBSCAN parameters, named as in the paper and in scikit-learn.</summary>
public sealed record DbscanOptions
{
    /// <summary>Neighbourhood radius (Euclidean); points at distance &lt;= eps are neighbours.</summary>
    public double Eps
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new OptionException(Setting.Threshold, value, $"must be a positive number");
    } = 0.5;

    /// <summary>Neighbours (the point itself included) a point needs to be a core point.</summary>
    public int MinSamples
    {
        get;
        init => field = value >= 1 ? value : throw new OptionException(Setting.MinSamples, value, $"must be at least 1");
    } = 5;

    /// <summary>Worker threads; -1 means every core.</summary>
    public int Jobs { get; init => field = Core.Jobs.Checked(value); } = Core.Jobs.EveryCore;

    public int EffectiveJobs => Core.Jobs.Effective(Jobs);

    /// <summary>Use the integer screen where the CPU has one (off only to test the float kernel on such a CPU).</summary>
    internal bool Quantize { get; init; } = true;
}
