using System.Numerics.Tensors;
using System.Runtime.Intrinsics.X86;

namespace FaceClustering.Core.Clustering;

/// <summary>
/// The points rounded to 8-bit integers, for a screen that rules pairs out four times faster than float32 on a
/// CPU with VNNI (32 byte products a <c>vpdpbusd</c> instruction, against 8 float products a fused multiply-add).
/// Each coordinate x is stored as q = round(x * S) with S = 127 / max |x|, so x = q / S + d with |d| &lt;= 1/(2S);
/// then for two points |x.y - qx.qy / S²| &lt;= e(x) + e(y) + n / (4S²) with e(x) = |qx|₁ / (2S²). A pair is
/// dropped only when its distance is above eps by more than twice that bound plus float rounding, so the screen
/// never drops a neighbour; pairs it keeps are decided exactly by <see cref="EpsNeighborhood"/>.
/// Rows are kept unsigned (q + 128, the form vpdpbusd multiplies); <see cref="TiledPairs"/> packs columns signed.
/// </summary>
internal sealed class QuantizedPoints
{
    private QuantizedPoints(int dimension, float scale, byte[] unsigned, float[] errors)
    {
        Dimension = dimension;
        Scale = scale;
        Unsigned = unsigned;
        Errors = errors;
    }

    public int Dimension { get; }

    /// <summary>S: quantized value = round(coordinate * S).</summary>
    public float Scale { get; }

    /// <summary>Per point and coordinate, q + 128 (1..255).</summary>
    public byte[] Unsigned { get; }

    /// <summary>Per point, e(x) = |q|₁ / (2S²): its share of the dot product's quantization error.</summary>
    public float[] Errors { get; }

    /// <summary>The error of a quantized dot product not owed to either point: n / (4S²).</summary>
    public float PairError => Dimension / (4f * Scale * Scale);

    /// <summary>Null where the CPU lacks VNNI or the dimension is not a multiple of 4 (the float kernel then runs alone).</summary>
    public static QuantizedPoints? TryCreate(float[] points, int dimension)
    {
        if (!AvxVnni.IsSupported || dimension % 4 != 0 || points.Length == 0) return null;
        var maxAbs = MathF.Abs(TensorPrimitives.MaxMagnitude(points));
        if (!(maxAbs > 0) || !float.IsFinite(maxAbs)) return null;
        var scale = 127f / maxAbs;
        var count = points.Length / dimension;
        var unsigned = new byte[points.Length];
        var errors = new float[count];
        for (var i = 0; i < count; i++)
        {
            long l1 = 0;
            for (var k = 0; k < dimension; k++)
            {
                var q = (int)MathF.Round(points[i * dimension + k] * scale);
                q = Math.Clamp(q, -127, 127); // |x| <= max |x| already keeps q in range; rounding cannot pass 127
                unsigned[i * dimension + k] = (byte)(q + 128);
                l1 += Math.Abs(q);
            }
            errors[i] = l1 / (2f * scale * scale);
        }
        return new QuantizedPoints(dimension, scale, unsigned, errors);
    }
}

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

    /// <param name="byteSum">The sum of the column's signed bytes: the tile adds 128 times it (its rows are q + 128).</param>
    public int ColumnThreshold(int j, int byteSum)
    {
        var value = (space.SquaredNorm(j) * _normShare - 1.001 * 2.0 * quantized.Errors[j]) / _perDot;
        return (int)Math.Clamp(Math.Floor(value) - 1, -Limit, Limit) + 128 * byteSum;
    }
}
