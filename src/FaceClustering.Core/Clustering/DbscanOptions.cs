namespace FaceClustering.Core.Clustering;

/// <summary>DBSCAN parameters, named as in the paper and in scikit-learn.</summary>
public sealed record DbscanOptions
{
    /// <summary>Neighbourhood radius (Euclidean); points at distance &lt;= eps are neighbours.</summary>
    public double Eps { get; init; } = 0.5;

    /// <summary>Neighbours (the point itself included) a point needs to be a core point.</summary>
    public int MinSamples { get; init; } = 5;

    /// <summary>Worker threads; -1 means every core.</summary>
    public int Jobs { get; init; } = -1;

    public int EffectiveJobs => Jobs == -1 ? Environment.ProcessorCount : Jobs;

    /// <summary>Use the integer screen where the CPU has one (off only to test the float kernel on such a CPU).</summary>
    internal bool Quantize { get; init; } = true;

    public void Validate()
    {
        if (!(Eps > 0) || !double.IsFinite(Eps))
            throw new ArgumentOutOfRangeException(nameof(Eps), Eps, "eps must be a positive number");
        if (MinSamples < 1)
            throw new ArgumentOutOfRangeException(nameof(MinSamples), MinSamples, "min-samples must be at least 1");
        if (Jobs == 0 || Jobs < -1)
            throw new ArgumentOutOfRangeException(nameof(Jobs), Jobs, "jobs must be -1 (all cores) or a positive number");
    }
}
