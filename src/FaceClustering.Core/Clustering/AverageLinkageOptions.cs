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
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>Worker threads for the pair search; -1 means every core.</summary>
    public int Jobs { get; init; } = -1;

    public int EffectiveJobs => Jobs == -1 ? Environment.ProcessorCount : Jobs;

    public void Validate()
    {
        if (!(Threshold > 0) || !double.IsFinite(Threshold))
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "the threshold must be a positive number");
        if (Jobs == 0 || Jobs < -1)
            throw new ArgumentOutOfRangeException(nameof(Jobs), Jobs, "jobs must be -1 (all cores) or a positive number");
    }
}
