namespace FaceClustering.Core.Clustering;

/// <summary>
/// The screen of <see cref="TiledPairs"/>' 8-bit tiles as integer thresholds. A pair (i, j) may be within eps
/// unless its quantized squared distance |x|² + |y|² - (2/S²) q(x).q(y) exceeds eps² plus twice the pair's
/// quantization bound (0.1% to spare) plus twice <see cref="EpsNeighborhood"/>'s float rounding bound. That
/// rearranges to "the tile's integer sum is at least R(i) + C(j)": both rounded down, less one more each, so
/// the integer test keeps every pair the real-valued one keeps.
/// </summary>
internal sealed class QuantizedScreen(EpsNeighborhood space, QuantizedPoints quantized)
{
    private const double Limit = 1 << 28;
    public QuantizedPoints Points => quantized;

    private readonly double _perDot = 2.0 / ((double)quantized.Scale * quantized.Scale);
    private readonly double _normShare = 1 - 2.0 * space.TolerancePerNorm;

    /// <summary>False when eps is so large against the coordinates that the thresholds would overflow (the float kernel runs then).</summary>
    public bool Usable { get; } = space.Eps2f * 2.0 * quantized.Scale * quantized.Scale < Limit / 4;

    public int RowThreshold(int i)
    {
        var value = (space.SquaredNorm(i) * _normShare - 1.001 * (2.0 * quantized.Errors[i] + 2.0 * quantized.PairError)
                     - space.Eps2f - 1e-6) / _perDot;
        return (int)Math.Clamp(Math.Floor(value) - 1, -Limit, Limit);
    }

    /// <param name="byteSum">The sum of the column's signed bytes: the tile adds Offset times it (its rows are q + Offset).</param>
    public int ColumnThreshold(int j, int byteSum)
    {
        var value = (space.SquaredNorm(j) * _normShare - 1.001 * 2.0 * quantized.Errors[j]) / _perDot;
        return (int)Math.Clamp(Math.Floor(value) - 1, -Limit, Limit) + quantized.Offset * byteSum;
    }
}
