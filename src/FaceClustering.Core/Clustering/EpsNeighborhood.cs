using System.Numerics.Tensors;

namespace FaceClustering.Core.Clustering;

/// <summary>
/// Decides "is the Euclidean distance between points i and j at most eps" exactly. A fast float32 kernel
/// (|x|² + |y|² - 2x·y) settles almost every pair; a pair whose float result lies within the kernel's
/// worst-case rounding error of eps² is recomputed in double precision, so rounding never flips a neighbour.
/// </summary>
internal sealed class EpsNeighborhood
{
    private readonly float[] _points;
    private readonly int _dimension;
    private readonly float[] _squaredNorms;
    private readonly double _eps2;
    private readonly float _eps2f;
    private readonly float _tolerancePerNorm;

    public EpsNeighborhood(float[] points, int dimension, double eps)
    {
        if (dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension));
        if (points.Length % dimension != 0) throw new ArgumentException("the point buffer is not a whole number of rows", nameof(points));
        _points = points;
        _dimension = dimension;
        Count = points.Length / dimension;
        _eps2 = eps * eps;
        _eps2f = (float)_eps2;
        _squaredNorms = new float[Count];
        for (var i = 0; i < Count; i++)
        {
            var row = Row(i);
            _squaredNorms[i] = TensorPrimitives.Dot(row, row);
        }

        // Rounding error of |x|² + |y|² - 2x·y in float32 is below n·u·(|x|² + |y|²) for n-term sums
        // (u = 2^-24), whatever the summation order; take (n + 16)·2^-20 as a generous bound.
        _tolerancePerNorm = (dimension + 16) * MathF.Pow(2, -20);
    }

    public int Count { get; }

    public float SquaredNorm(int i) => _squaredNorms[i];

    /// <summary>eps² in float32, and the rounding bound per unit of |x|² + |y|², for screens that must agree with <see cref="AreNeighbors(int,int,float)"/>.</summary>
    public float Eps2f => _eps2f;

    public float TolerancePerNorm => _tolerancePerNorm;

    public ReadOnlySpan<float> Row(int i) => new(_points, i * _dimension, _dimension);

    /// <summary>The decision from the pair's float32 dot product (computed by the tiled kernel).</summary>
    public bool AreNeighbors(int i, int j, float dot)
    {
        var ni = _squaredNorms[i];
        var nj = _squaredNorms[j];
        var d2 = ni + nj - 2f * dot;
        var tolerance = _tolerancePerNorm * (ni + nj) + 1e-30f;
        if (d2 < _eps2f - tolerance) return true;
        if (d2 > _eps2f + tolerance) return false;
        return ExactSquaredDistance(i, j) <= _eps2;
    }

    /// <summary>Squared distance in double precision from the float32 coordinates.</summary>
    public double ExactSquaredDistance(int i, int j) => VectorDistance.Squared(Row(i), Row(j));
}
