using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceClustering.Core.Detection.Hog;

/// <summary>
/// The image pyramids dlib's HOG detector runs on, with dlib's sizes, bilinear resampling and coordinate maps:
/// <c>pyramid_down&lt;6&gt;</c> (each level 5/6 of the last) and the 2x <c>pyramid_up</c> behind face_recognition's
/// upsampling (<c>pyramid_down&lt;2&gt;</c>).
/// </summary>
internal static class DlibPyramid
{
    /// <summary>Size of the next level down: dlib's <c>((N-1)*n)/N + 0.5</c>, truncated, with N = 6.</summary>
    public static int DownSize(int n) => 5 * n / 6;

    /// <summary>Size of a 2x upsampled image: the rounded <c>pyramid_down&lt;2&gt;::rect_up</c> of the image rectangle, plus one.</summary>
    public static (int Width, int Height) UpSize(int width, int height)
        => ((int)Math.Floor(UpX(width - 1) + 0.5) + 1, (int)Math.Floor(UpY(height - 1) + 0.5) + 1);

    /// <summary><c>pyramid_down&lt;2&gt;</c>: a point in the upsampled image back to the original.</summary>
    public static double DownX(double x) => x / 2.0 - 1.25;
    public static double DownY(double y) => y / 2.0 - 0.75;
    private static double UpX(double x) => (x + 1.25) * 2;
    private static double UpY(double y) => (y + 0.75) * 2;

    /// <summary><c>pyramid_down&lt;6&gt;::point_up</c> applied <paramref name="levels"/> times.</summary>
    public static double LevelUp(double v, int levels)
    {
        for (var i = 0; i < levels; i++) v = Math.FusedMultiplyAdd(v, 6 / 5.0, 0.3);
        return v;
    }

    /// <summary>
    /// How many levels dlib builds for an image: it shrinks the image rectangle with <c>rect_down</c> until a
    /// side falls below the minimum, counting the level that fell below as well.
    /// </summary>
    public static int LevelCount(int width, int height, int minWidth, int minHeight, int maxLevels)
    {
        long right = width - 1, bottom = height - 1;
        var levels = 0;
        do
        {
            right = (long)Math.Floor((right - 0.3) * (5 / 6.0) + 0.5);
            bottom = (long)Math.Floor((bottom - 0.3) * (5 / 6.0) + 0.5);
            levels++;
            // The left/top corner maps to (0 - 0.3) * 5/6, which rounds back to 0.
        } while (right + 1 >= minWidth && bottom + 1 >= minHeight && levels < maxLevels);
        return levels;
    }

    /// <summary>
    /// dlib's bilinear <c>resize_image</c> for RGB images, number for number: rows are placed in double
    /// precision; columns four at a time in single precision with dlib's accumulated step, the columns after
    /// the last such group in double precision; values are truncated. Products feeding a sum are fused
    /// (one rounding), as GCC compiles dlib for a machine with FMA.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: fully optimised from the first photo
    public static unsafe RgbPlanes Resize(RgbPlanes input, int width, int height)
    {
        var output = new RgbPlanes(width, height);
        if (width == 0 || height == 0 || input.Width == 0 || input.Height == 0) return output;
        var xScale = (input.Width - 1) / (double)Math.Max(width - 1, 1);
        var yScale = (input.Height - 1) / (double)Math.Max(height - 1, 1);

        // Column positions do not depend on the row: work them out once.
        var left = new int[width];
        var right = new int[width];
        var fraction = new float[width];
        var fractionDouble = new double[width];
        var groupedEnd = GroupedColumns(input.Width, width, xScale, left, right, fraction);
        var x = Math.FusedMultiplyAdd(groupedEnd, xScale, -xScale);
        for (var c = groupedEnd; c < width; c++)
        {
            x += xScale;
            left[c] = (int)Math.Floor(x);
            right[c] = Math.Min(left[c] + 1, input.Width - 1);
            fractionDouble[c] = x - left[c];
        }

        var inverse = new float[groupedEnd];
        for (var c = 0; c < groupedEnd; c++) inverse[c] = 1f - fraction[c];
        var weights = new float[4 * groupedEnd];
        var (bases, offsets) = ShuffleControls(left, groupedEnd);
        var y = -yScale;
        for (var r = 0; r < height; r++)
        {
            y += yScale;
            var top = (int)Math.Floor(y);
            var bottom = Math.Min(top + 1, input.Height - 1);
            var tb = y - top;
            RowWeights((float)tb, (float)(1 - tb), fraction, inverse, weights, groupedEnd);
            for (var ch = 0; ch < 3; ch++)
            {
                fixed (byte* source = input.Channel(ch), target = output.Channel(ch))
                {
                    byte* topRow = source + (long)top * input.Width, bottomRow = source + (long)bottom * input.Width;
                    var outRow = target + (long)r * width;
                    GroupedRow(topRow, bottomRow, left, bases, offsets, weights, outRow, groupedEnd);
                    for (var c = groupedEnd; c < width; c++)
                    {
                        var lr = fractionDouble[c];
                        var upper = Math.FusedMultiplyAdd(lr, topRow[right[c]], (1 - lr) * topRow[left[c]]);
                        var lower = Math.FusedMultiplyAdd(lr, bottomRow[right[c]], (1 - lr) * bottomRow[left[c]]);
                        var value = Math.FusedMultiplyAdd(tb, lower, (1 - tb) * upper);
                        outRow[c] = (byte)value;
                    }
                }
            }
        }
        return output;
    }

    /// <summary>The four corner weights of each grouped column for a row (top-left, top-right, bottom-left, bottom-right), each a run of <paramref name="count"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: fully optimised from the first photo
    private static void RowWeights(float tb, float invTb, float[] fraction, float[] inverse, float[] weights, int count)
    {
        var tl = weights.AsSpan(0, count);
        var tr = weights.AsSpan(count, count);
        var bl = weights.AsSpan(2 * count, count);
        var br = weights.AsSpan(3 * count, count);
        TensorPrimitives.Multiply(inverse.AsSpan(0, count), invTb, tl);
        TensorPrimitives.Multiply(fraction.AsSpan(0, count), invTb, tr);
        TensorPrimitives.Multiply(inverse.AsSpan(0, count), tb, bl);
        TensorPrimitives.Multiply(fraction.AsSpan(0, count), tb, br);
    }

    /// <summary>
    /// Byte shuffles that pull each group of 8 grouped columns' left and right source pixels out of 16 bytes
    /// loaded from the group's first source pixel: per group, its base column, then 8 offsets (left) and
    /// 8 offsets (right = left + 1). A group whose sources span more than 16 bytes gets base -1 (done one by one).
    /// </summary>
    private static (int[] Base, byte[] Offsets) ShuffleControls(int[] left, int count)
    {
        var groups = count / 8;
        var bases = new int[groups];
        var offsets = new byte[groups * 16];
        for (var g = 0; g < groups; g++)
        {
            var first = left[8 * g];
            bases[g] = left[8 * g + 7] + 1 - first < 16 ? first : -1;
            for (var k = 0; k < 8 && bases[g] >= 0; k++)
            {
                offsets[16 * g + k] = (byte)(left[8 * g + k] - first);
                offsets[16 * g + 8 + k] = (byte)(left[8 * g + k] + 1 - first);
            }
        }
        return (bases, offsets);
    }

    /// <summary>
    /// The grouped columns of one output row of one channel: 8 at a time with byte shuffles where the machine has
    /// AVX2 (right = left + 1 in this part of a row), else one by one.
    /// </summary>
    private static unsafe void GroupedRow(byte* top, byte* bottom, int[] left, int[] bases, byte[] offsets, float[] weights,
        byte* output, int count)
    {
        fixed (int* l = left, groupBase = bases)
        fixed (byte* control = offsets)
        fixed (float* w = weights)
        {
            float* wTl = w, wTr = w + count, wBl = w + 2 * count, wBr = w + 3 * count;
            var c = 0;
            if (Avx2.IsSupported)
            {
                for (; c + 8 <= count; c += 8)
                {
                    var at = groupBase[c / 8];
                    if (at < 0)
                    {
                        GroupedScalar(top, bottom, l, wTl, wTr, wBl, wBr, output, c, c + 8);
                        continue;
                    }
                    var shuffle = Vector128.Load(control + 2 * c);
                    var t = Ssse3.Shuffle(Vector128.Load(top + at), shuffle);
                    var b = Ssse3.Shuffle(Vector128.Load(bottom + at), shuffle);
                    var tl = Vector256.ConvertToSingle(Avx2.ConvertToVector256Int32(t));
                    var tr = Vector256.ConvertToSingle(Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(t, 8)));
                    var bl = Vector256.ConvertToSingle(Avx2.ConvertToVector256Int32(b));
                    var br = Vector256.ConvertToSingle(Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(b, 8)));
                    var value = Vector256.FusedMultiplyAdd(Vector256.Load(wBr + c), br,
                        Vector256.FusedMultiplyAdd(Vector256.Load(wBl + c), bl,
                            Vector256.FusedMultiplyAdd(Vector256.Load(wTr + c), tr, Vector256.Load(wTl + c) * tl)));
                    var ints = Vector256.ConvertToInt32(value);
                    var shorts = Vector128.Narrow(ints.GetLower(), ints.GetUpper());
                    *(ulong*)(output + c) = Vector128.Narrow(shorts, shorts).AsUInt64().ToScalar();
                }
            }
            GroupedScalar(top, bottom, l, wTl, wTr, wBl, wBr, output, c, count);
        }
    }

    private static unsafe void GroupedScalar(byte* top, byte* bottom, int* l, float* wTl, float* wTr, float* wBl, float* wBr,
        byte* output, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var value = MathF.FusedMultiplyAdd(wBr[i], bottom[l[i] + 1],
                MathF.FusedMultiplyAdd(wBl[i], bottom[l[i]],
                    MathF.FusedMultiplyAdd(wTr[i], top[l[i] + 1], wTl[i] * top[l[i]])));
            output[i] = (byte)(int)value;
        }
    }

    /// <summary>The columns dlib places four at a time; returns where that stops.</summary>
    private static int GroupedColumns(int inputWidth, int width, double xScale, int[] left, int[] right, float[] fraction)
    {
        var start = -4 * xScale;
        Span<float> lanes = [(float)start, (float)(start + xScale), (float)(start + 2 * xScale), (float)(start + 3 * xScale)];
        var step = (float)(4 * xScale);
        Span<int> lefts = stackalloc int[4];
        var c = 0;
        for (; c + 3 < width; c += 4)
        {
            for (var k = 0; k < 4; k++)
            {
                lanes[k] += step;
                lefts[k] = (int)lanes[k];
            }
            if (lefts[3] + 1 >= inputWidth) break;
            for (var k = 0; k < 4; k++)
            {
                left[c + k] = lefts[k];
                right[c + k] = lefts[k] + 1;
                fraction[c + k] = lanes[k] - lefts[k];
            }
        }
        return c;
    }
}
