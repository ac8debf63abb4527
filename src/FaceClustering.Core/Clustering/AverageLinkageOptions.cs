namespace FaceClustering.Core.Clustering;

/// <summary><see cref="AverageLinkage"/>'s parameters.</summary>
public sealed record AverageLinkageOptions
{
    /// <summary>
    /// The default threshold, chosen on the LFW tune split (one half while designing, the other to check) and the
    /// dev set, in the middle of the range where both stay within 0.03 of their best (README, "Choosing the default").
    /// </summary>
    public const double DefaultThreshold = 0.55;

    /// <summary>Average distance (Euclidean, as eps) around which groups stop merging; see <see cref="AverageLinkage"/>.</summary>
    public double Threshold
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new OptionException(Setting.Threshold, value, $"must be a positive number");
    } = DefaultThreshold;

    /// <summary>Worker threads for the pair search; -1 means every core.</summary>
    public int Jobs { get; init => field = Core.Jobs.Checked(value); } = Core.Jobs.EveryCore;

    public int EffectiveJobs => Core.Jobs.Effective(Jobs);
}
