using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceClustering.Core.Detection.Hog;

/// <summary>
/// dlib's <c>float_spatially_filter_image_separable</c>: correlates a plane with a row filter and then a column
/// filter, 8 columns at a time with three interleaved partial sums (so the single-precision sums come out as
/// dlib's do), writing or adding the result inside the border the filter cannot reach. It works on a band of
/// output rows at a time, so a band's input, intermediate and output stay in cache across many filters.
/// </summary>
internal static class SeparableCorrelation
{
    /// <summary>The region <see cref="Apply"/> writes: rows <c>[Top, Bottom)</c>, columns <c>[Left, Right)</c>.</summary>
    public readonly record struct Area(int Top, int Left, int Bottom, int Right);

    public static Area ValidArea(int rows, int columns, int rowFilterLength, int columnFilterLength)
        => new(columnFilterLength / 2, rowFilterLength / 2, rows - (columnFilterLength - 1) / 2, columns - (rowFilterLength - 1) / 2);

    /// <summary>
    /// Rows <c>[fromRow, toRow)</c> (inside <paramref name="area"/>) of <paramref name="output"/> = (or += when
    /// <paramref name="add"/>) the correlation of <paramref name="input"/> (rows x columns) with
    /// <paramref name="row"/> then <paramref name="column"/>; <paramref name="scratch"/> (rows x columns) holds the
    /// row pass of the input rows those output rows need. Outside the area the output is not touched: dlib zeroes
    /// that border, but nothing reads it.
    /// </summary>
    public static void Apply(ReadOnlySpan<float> input, int columns, Area area, float[] row, float[] column,
        float[] scratch, float[] output, bool add, int fromRow, int toRow)
    {
        for (var r = fromRow - area.Top; r < toRow - area.Top + column.Length - 1; r++)
            Correlate(input, r * columns - area.Left, 1, row, scratch, r * columns, area.Left, area.Right, add: false);
        for (var r = fromRow; r < toRow; r++)
            Correlate(scratch, (r - area.Top) * columns, columns, column, output, r * columns, area.Left, area.Right, add);
    }

    /// <summary>
    /// For each column c in [from, to): target[targetRow + c] (+)= sum_n source[sourceStart + c + n * stride] * filter[n].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: fully optimised from the first photo
    private static void Correlate(ReadOnlySpan<float> source, int sourceStart, int stride, float[] filter, float[] target,
        int targetRow, int from, int to, bool add)
    {
        var length = filter.Length;
        var c = from;
        if (length == 10)
        {
            c = Correlate10(source, sourceStart, stride, filter, target, targetRow, from, to, add);
        }
        else
        // Vector256 also where the hardware lacks it (emulated, slower): the same sums on every machine.
        {
            ref var origin = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(source);
            for (; c < to - 7; c += 8)
            {
                var sum = Vector256<float>.Zero;
                var sum2 = Vector256<float>.Zero;
                var sum3 = Vector256<float>.Zero;
                var n = 0;
                for (; n < length - 2; n += 3)
                {
                    var at = (nuint)(sourceStart + c + n * stride);
                    sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref origin, at), Vector256.Create(filter[n]), sum);
                    sum2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref origin, at + (nuint)stride), Vector256.Create(filter[n + 1]), sum2);
                    sum3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref origin, at + (nuint)(2 * stride)), Vector256.Create(filter[n + 2]), sum3);
                }
                for (; n < length; n++)
                    sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref origin, (nuint)(sourceStart + c + n * stride)), Vector256.Create(filter[n]), sum);
                sum += sum2 + sum3;
                if (add) sum += Vector256.LoadUnsafe(ref target[targetRow + c]);
                sum.StoreUnsafe(ref target[targetRow + c]);
            }
        }
        for (; c < to; c++)
        {
            float sum = 0;
            for (var n = 0; n < length; n++)
                sum = MathF.FusedMultiplyAdd(source[sourceStart + c + n * stride], filter[n], sum);
            if (add) target[targetRow + c] += sum;
            else target[targetRow + c] = sum;
        }
    }

    /// <summary>
    /// The vector part of <see cref="Correlate"/> for dlib's 10-tap filters, with the taps held in registers:
    /// partial sums over taps 0, 3, 6, 9 / 1, 4, 7 / 2, 5, 8 as dlib's loop makes them. Returns the first column left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int Correlate10(ReadOnlySpan<float> source, int sourceStart, int stride, float[] filter, float[] target,
        int targetRow, int from, int to, bool add)
    {
        var f0 = Vector256.Create(filter[0]);
        var f1 = Vector256.Create(filter[1]);
        var f2 = Vector256.Create(filter[2]);
        var f3 = Vector256.Create(filter[3]);
        var f4 = Vector256.Create(filter[4]);
        var f5 = Vector256.Create(filter[5]);
        var f6 = Vector256.Create(filter[6]);
        var f7 = Vector256.Create(filter[7]);
        var f8 = Vector256.Create(filter[8]);
        var f9 = Vector256.Create(filter[9]);
        var c = from;
        fixed (float* origin = source, output = target)
        {
            for (; c < to - 7; c += 8)
            {
                var x = origin + sourceStart + c;
                var sum = Vector256.FusedMultiplyAdd(Vector256.Load(x + 9 * stride), f9,
                    Vector256.FusedMultiplyAdd(Vector256.Load(x + 6 * stride), f6,
                        Vector256.FusedMultiplyAdd(Vector256.Load(x + 3 * stride), f3, Vector256.Load(x) * f0)));
                var sum2 = Vector256.FusedMultiplyAdd(Vector256.Load(x + 7 * stride), f7,
                    Vector256.FusedMultiplyAdd(Vector256.Load(x + 4 * stride), f4, Vector256.Load(x + stride) * f1));
                var sum3 = Vector256.FusedMultiplyAdd(Vector256.Load(x + 8 * stride), f8,
                    Vector256.FusedMultiplyAdd(Vector256.Load(x + 5 * stride), f5, Vector256.Load(x + 2 * stride) * f2));
                sum += sum2 + sum3;
                var at = output + targetRow + c;
                if (add) sum += Vector256.Load(at);
                sum.Store(at);
            }
        }
        return c;
    }
}
