using System.Numerics.Tensors;
using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>
/// Points rounded to 8 or 7 bits: each stored byte in range, and the proven bound on a quantized dot product's error
/// holds for every pair (the arithmetic needs no particular CPU; which kernel runs does).
/// </summary>
public class QuantizedPointsTests
{
    [Theory]
    [InlineData(8, 127)]
    [InlineData(7, 63)]
    public void The_dot_product_error_stays_within_its_bound(int bits, int level)
    {
        var kernel = bits == 8 ? QuantizedKernel.Vnni8 : QuantizedKernel.Avx512Bw7;
        var (points, _) = SyntheticFaceLibrary.Generate(300, seed: 6);
        const int d = SyntheticFaceLibrary.Dimension;
        var q = QuantizedPoints.TryCreate(points, d, kernel)!;
        Assert.Equal((kernel, d, level + 1), (q.Kernel, q.Dimension, q.Offset));
        Assert.Equal(level / MathF.Abs(TensorPrimitives.MaxMagnitude(points)), q.Scale);
        Assert.All(q.Unsigned, b => Assert.InRange(b, 1, 2 * level + 1));

        var worst = 0.0;
        for (var i = 0; i < 300; i += 7)
        for (var j = 0; j < 300; j += 5)
        {
            double exact = 0, quantized = 0;
            for (var k = 0; k < d; k++)
            {
                exact += (double)points[i * d + k] * points[j * d + k];
                quantized += (double)(q.Unsigned[i * d + k] - q.Offset) * (q.Unsigned[j * d + k] - q.Offset);
            }
            quantized /= (double)q.Scale * q.Scale;
            var bound = q.Errors[i] + q.Errors[j] + q.PairError;
            Assert.True(Math.Abs(exact - quantized) <= bound * 1.0001, $"pair ({i},{j}): error {Math.Abs(exact - quantized)} over the bound {bound}");
            worst = Math.Max(worst, Math.Abs(exact - quantized) / bound);
        }
        Assert.True(worst > 0.01, "the bound is never approached: the test would not see it broken");
    }

    [Fact]
    public void Points_that_cannot_be_scaled_give_no_quantized_form()
    {
        Assert.Null(QuantizedPoints.TryCreate([], 4, QuantizedKernel.Vnni8));
        Assert.Null(QuantizedPoints.TryCreate(new float[8], 4, QuantizedKernel.Vnni8)); // all zero
        Assert.Null(QuantizedPoints.TryCreate([1, float.NaN, 0, 0], 4, QuantizedKernel.Vnni8));
        Assert.Null(QuantizedPoints.TryCreate([1, float.PositiveInfinity, 0, 0], 4, QuantizedKernel.Vnni8));
        Assert.Null(QuantizedPoints.KernelFor(3)); // no kernel takes 3 coordinates
    }
}
