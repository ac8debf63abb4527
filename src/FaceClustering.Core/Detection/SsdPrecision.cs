namespace FaceClustering.Core.Detection;

/// <summary>How the SSD detector network computes.</summary>
public enum SsdPrecision
{
    /// <summary>
    /// 8-bit activations and per-channel 8-bit filters: about 2.2x faster on one core than <see cref="Float"/>;
    /// boxes within a few pixels of float's, with scores near the 0.5 threshold sometimes on the other side.
    /// </summary>
    Int8,

    /// <summary>32-bit floats throughout: face-api's own numbers.</summary>
    Float,
}
