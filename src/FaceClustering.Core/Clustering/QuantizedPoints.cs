using System.Numerics.Tensors;
using System.Runtime.Intrinsics.X86;

namespace FaceClustering.Core.Clustering;

/// <summary>
/// The points rounded to small integers, for a screen that rules pairs out several times faster than float32.
/// Each coordinate x is stored as q = round(x * S) with S = M / max |x|, so x = q / S + d with |d| &lt;= 1/(2S);
/// then for two points |x.y - qx.qy / S²| &lt;= e(x) + e(y) + n / (4S²) with e(x) = |qx|₁ / (2S²). A pair is
/// dropped only when its distance is above eps by more than twice that bound plus float rounding, so the screen
/// never drops a neighbour; pairs it keeps are decided exactly by <see cref="EpsNeighborhood"/>.
/// Two kernels (<see cref="QuantizedKernel"/>): with AVX-VNNI, 8 bits (M = 127), 32 byte products a
/// <c>vpdpbusd</c>; with AVX-512BW but no AVX-VNNI (AMD EPYC here: .NET exposes AVX-512 VNNI only through
/// AvxVnni), 7 bits (M = 63), 64 byte products a <c>vpmaddubsw</c> whose pair sums (at most 2·127·63) cannot
/// saturate, widened by <c>vpmaddwd</c>. Rows are kept unsigned (q + <see cref="Offset"/>, the form both
/// instructions multiply); <see cref="TiledPairs"/> packs columns signed.
/// </summary>
internal sealed class QuantizedPoints
{
    private QuantizedPoints(QuantizedKernel kernel, int dimension, float scale, byte[] unsigned, float[] errors)
    {
        Kernel = kernel;
        Dimension = dimension;
        Scale = scale;
        Unsigned = unsigned;
        Errors = errors;
    }

    public QuantizedKernel Kernel { get; }

    public int Dimension { get; }

    /// <summary>What a row's stored byte adds to its value q: 128 for the 8-bit kernel, 64 for the 7-bit one.</summary>
    public int Offset => MaxLevel(Kernel) + 1;

    /// <summary>The largest |q|.</summary>
    private static int MaxLevel(QuantizedKernel kernel) => kernel == QuantizedKernel.Vnni8 ? 127 : 63;

    /// <summary>The kernel this CPU runs for points of this dimension, or null where none does.</summary>
    public static QuantizedKernel? KernelFor(int dimension) =>
        AvxVnni.IsSupported && dimension % 4 == 0 ? QuantizedKernel.Vnni8
        : Avx512BW.IsSupported && dimension % 8 == 0 ? QuantizedKernel.Avx512Bw7
        : null;

    /// <summary>S: quantized value = round(coordinate * S).</summary>
    public float Scale { get; }

    /// <summary>Per point and coordinate, q + 128 (1..255).</summary>
    public byte[] Unsigned { get; }

    /// <summary>Per point, e(x) = |q|₁ / (2S²): its share of the dot product's quantization error.</summary>
    public float[] Errors { get; }

    /// <summary>The error of a quantized dot product not owed to either point: n / (4S²).</summary>
    public float PairError => Dimension / (4f * Scale * Scale);

    /// <summary>Null where no kernel runs (<see cref="KernelFor"/>): the float kernel then runs alone.</summary>
    public static QuantizedPoints? TryCreate(float[] points, int dimension) =>
        KernelFor(dimension) is { } kernel ? TryCreate(points, dimension, kernel) : null;

    internal static QuantizedPoints? TryCreate(float[] points, int dimension, QuantizedKernel kernel)
    {
        if (points.Length == 0) return null;
        var maxAbs = MathF.Abs(TensorPrimitives.MaxMagnitude(points));
        if (!(maxAbs > 0) || !float.IsFinite(maxAbs)) return null;
        var level = MaxLevel(kernel);
        var offset = level + 1; // as Offset
        var scale = level / maxAbs;
        var count = points.Length / dimension;
        var unsigned = new byte[points.Length];
        var errors = new float[count];
        for (var i = 0; i < count; i++)
        {
            long l1 = 0;
            for (var k = 0; k < dimension; k++)
            {
                var q = (int)MathF.Round(points[i * dimension + k] * scale);
                q = Math.Clamp(q, -level, level); // |x| <= max |x| already keeps q in range; rounding cannot pass it
                unsigned[i * dimension + k] = (byte)(q + offset);
                l1 += Math.Abs(q);
            }
            errors[i] = l1 / (2f * scale * scale);
        }
        return new QuantizedPoints(kernel, dimension, scale, unsigned, errors);
    }
}

/// <summary>The integer kernels of <see cref="TiledPairs"/>' screen.</summary>
internal enum QuantizedKernel
{
    /// <summary>8-bit values, AVX-VNNI's vpdpbusd.</summary>
    Vnni8,

    /// <summary>7-bit values, AVX-512BW's vpmaddubsw and vpmaddwd.</summary>
    Avx512Bw7,
}
