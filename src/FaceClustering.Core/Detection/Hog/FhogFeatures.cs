using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceClustering.Core.Detection.Hog;

/// <summary>
/// 31 planes of FHOG features (Felzenszwalb et al. 2010, as dlib's <c>extract_fhog_features</c> computes them:
/// 18 contrast-sensitive and 9 insensitive orientation features and 4 texture features per 8x8 cell), each
/// plane <see cref="Rows"/> x <see cref="Columns"/> with a zero border sized for the detection filter.
/// </summary>
internal sealed class FhogFeatures : IDisposable
{
    public const int PlaneCount = 31;

    public int Rows { get; }
    public int Columns { get; }
    public float[] Data { get; }

    private FhogFeatures(int rows, int columns)
    {
        Rows = rows;
        Columns = columns;
        // Rented (see RgbPlanes), so zeroed here: the border must be zero.
        Data = ArrayPool<float>.Shared.Rent(checked(PlaneCount * rows * columns));
        Data.AsSpan(0, PlaneCount * rows * columns).Clear();
    }

    public void Dispose() => ArrayPool<float>.Shared.Return(Data);

    public int PlaneSize => Rows * Columns;
    public Span<float> Plane(int p) => Data.AsSpan(p * PlaneSize, PlaneSize);

    // dlib's unit vectors for the 9 orientations (float, as dlib stores them).
    private static readonly float[] DirectionX = [1.0000f, 0.9397f, 0.7660f, 0.500f, 0.1736f, -0.1736f, -0.5000f, -0.7660f, -0.9397f];
    private static readonly float[] DirectionY = [0.0000f, 0.3420f, 0.6428f, 0.8660f, 0.9848f, 0.9848f, 0.8660f, 0.6428f, 0.3420f];

    /// <summary>
    /// The features of an RGB image with cells of <paramref name="cellSize"/> pixels, padded for a filter of
    /// <paramref name="filterRows"/> x <paramref name="filterColumns"/> cells; an empty (0 x 0) result where the
    /// image holds fewer than 3 cells a side.
    /// </summary>
    public static FhogFeatures Extract(RgbPlanes image, int cellSize, int filterRows, int filterColumns)
    {
        var cellsRows = (int)(image.Height / (float)cellSize + 0.5f);
        var cellsCols = (int)(image.Width / (float)cellSize + 0.5f);
        var hogRows = Math.Max(cellsRows - 2, 0);
        var hogCols = Math.Max(cellsCols - 2, 0);
        if (hogRows == 0 || hogCols == 0) return new FhogFeatures(0, 0);

        var histogram = OrientationHistograms(image, cellSize, cellsRows, cellsCols);
        var energy = CellEnergy(histogram, cellsRows, cellsCols);
        var features = new FhogFeatures(hogRows + filterRows - 1, hogCols + filterColumns - 1);
        features.Normalise(histogram, energy, cellsCols, hogRows, hogCols, (filterRows - 1) / 2, (filterColumns - 1) / 2);
        ArrayPool<float>.Shared.Return(histogram);
        ArrayPool<float>.Shared.Return(energy);
        return features;
    }

    /// <summary>
    /// Each pixel's gradient (the colour channel with the strongest one) votes its magnitude into the 18-bin
    /// orientation histograms of the four nearest cells, bilinearly. The histograms carry a one-cell border.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: fully optimised from the first photo
    private static unsafe float[] OrientationHistograms(RgbPlanes image, int cellSize, int cellsRows, int cellsCols)
    {
        var histColumns = cellsCols + 2;
        var histogram = ArrayPool<float>.Shared.Rent((cellsRows + 2) * histColumns * 18);
        histogram.AsSpan(0, (cellsRows + 2) * histColumns * 18).Clear();
        var width = image.Width;
        var visibleRows = Math.Min(cellsRows * cellSize, image.Height) - 1;
        var visibleCols = Math.Min(cellsCols * cellSize, width) - 1;
        if (visibleRows < 2 || visibleCols < 2) return histogram;

        // dlib handles columns 8 at a time with SIMD while 8 fit, the rest one at a time; the two paths differ
        // in how they break ties between channels and in the order of one product, which this port keeps.
        var groupedEnd = 1;
        while (groupedEnd < visibleCols - 7) groupedEnd += 8;

        // The cell (as its histogram offset, cell * 18) and bilinear weight along x are the same on every row.
        var cellOffset = new int[width + 8];
        var weightX0 = new float[width];
        for (var x = 1; x < visibleCols; x++)
        {
            var xp = (x + 0.5f) / cellSize - 0.5f;
            var ixp = (int)MathF.Floor(xp);
            cellOffset[x] = (ixp + 1) * 18;
            weightX0[x] = xp - ixp;
        }

        // Rows y-1, y, y+1 of each channel as floats, in a ring.
        var ring = new float[3][][];
        for (var ch = 0; ch < 3; ch++)
        {
            ring[ch] = new float[3][];
            for (var k = 0; k < 3; k++)
            {
                ring[ch][k] = new float[width + 8];
                if (k < 2) ToFloat(image.Channel(ch).AsSpan(k * width, width), ring[ch][k]);
            }
        }
        // Per pixel of a row: histogram offset (cell * 18 + bin) and the four bilinear votes.
        var bins = new int[width + 8];
        var votes = new float[4 * (width + 8)];
        var stride = width + 8;
        fixed (float* hist = histogram)
        fixed (int* bin = bins, cx18 = cellOffset)
        fixed (float* vote = votes, wx0 = weightX0)
        {
            for (var y = 1; y < visibleRows; y++)
            {
                for (var ch = 0; ch < 3; ch++)
                    ToFloat(image.Channel(ch).AsSpan((y + 1) * width, width), ring[ch][(y + 1) % 3]);

                var yp = (y + 0.5f) / cellSize - 0.5f;
                var iyp = (int)MathF.Floor(yp);
                var vy0 = yp - iyp;
                var vy1 = 1f - vy0;
                RowVotes(ring, y, groupedEnd, visibleCols, vy0, vy1, wx0, cx18, bin, vote, stride);

                var rowA = hist + (iyp + 1) * histColumns * 18;
                var down = histColumns * 18;
                // dlib adds each pixel's votes in pixel order (the float sums depend on it).
                var x = 1;
                for (; x < groupedEnd; x++)
                {
                    var at = rowA + bin[x];
                    at[0] += vote[x];
                    at[down] += vote[stride + x];
                    at[18] += vote[2 * stride + x];
                    at[down + 18] += vote[3 * stride + x];
                }
                for (; x < visibleCols; x++)
                {
                    var v = vote[x];
                    var at = rowA + bin[x];
                    var vx0 = wx0[x];
                    var vx1 = 1f - vx0;
                    at[0] = MathF.FusedMultiplyAdd(vy1 * vx1, v, at[0]);
                    at[down] = MathF.FusedMultiplyAdd(vy0 * vx1, v, at[down]);
                    at[18] = MathF.FusedMultiplyAdd(vy1 * vx0, v, at[18]);
                    at[down + 18] = MathF.FusedMultiplyAdd(vy0 * vx0, v, at[down + 18]);
                }
            }
        }
        return histogram;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: fully optimised from the first photo
    private static void ToFloat(ReadOnlySpan<byte> source, float[] target)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 16 <= source.Length; i += 16)
            {
                var bytes = Vector128.Create(source.Slice(i, 16));
                var (low, high) = Vector128.Widen(bytes);
                var (a, b) = Vector128.Widen(low);
                var (c, d) = Vector128.Widen(high);
                Vector256.Create(Vector128.ConvertToSingle(a.AsInt32()), Vector128.ConvertToSingle(b.AsInt32())).StoreUnsafe(ref target[i]);
                Vector256.Create(Vector128.ConvertToSingle(c.AsInt32()), Vector128.ConvertToSingle(d.AsInt32())).StoreUnsafe(ref target[i + 8]);
            }
        }
        for (; i < source.Length; i++) target[i] = source[i];
    }

    /// <summary>
    /// The gradient of each pixel of row y, as histogram offset (cell * 18 + orientation bin) and votes: 8 pixels
    /// at a time up to <paramref name="groupedEnd"/> (ties between channels go to the later channel, as in dlib's
    /// SIMD code; the four bilinear votes are worked out here), then one at a time (ties go to the earlier
    /// channel; the first vote row holds the magnitude, the caller weighs it as dlib's scalar code does).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: fully optimised from the first photo
    private static unsafe void RowVotes(float[][][] ring, int y, int groupedEnd, int visibleCols, float vy0, float vy1,
        float* wx0, int* cx18, int* bin, float* vote, int stride)
    {
        fixed (float* r0 = ring[0][(y - 1) % 3], r1 = ring[0][y % 3], r2 = ring[0][(y + 1) % 3])
        fixed (float* g0 = ring[1][(y - 1) % 3], g1 = ring[1][y % 3], g2 = ring[1][(y + 1) % 3])
        fixed (float* b0 = ring[2][(y - 1) % 3], b1 = ring[2][y % 3], b2 = ring[2][(y + 1) % 3])
        {
            var x = 1;
            for (; x < groupedEnd; x += 8)
            {
                var (gx, gy, length) = Channel8(r0, r1, r2, x);
                var (cgx, cgy, clen) = Channel8(g0, g1, g2, x);
                var keep = Vector256.GreaterThan(length, clen);
                gx = Vector256.ConditionalSelect(keep, gx, cgx);
                gy = Vector256.ConditionalSelect(keep, gy, cgy);
                length = Vector256.ConditionalSelect(keep, length, clen);
                (cgx, cgy, clen) = Channel8(b0, b1, b2, x);
                keep = Vector256.GreaterThan(length, clen);
                gx = Vector256.ConditionalSelect(keep, gx, cgx);
                gy = Vector256.ConditionalSelect(keep, gy, cgy);
                length = Vector256.ConditionalSelect(keep, length, clen);

                // dlib tries +dot then -dot for each direction; a direction wins when |dot| beats the best so
                // far, as o when dot > 0 and as o + 9 otherwise.
                var best = Vector256<float>.Zero;
                var bestSigned = Vector256<float>.Zero;
                var bestO = Vector256<int>.Zero;
                for (var o = 0; o < 9; o++)
                {
                    var dot = Vector256.FusedMultiplyAdd(gy, Vector256.Create(DirectionY[o]), gx * DirectionX[o]);
                    var size = Vector256.Abs(dot);
                    var better = Vector256.GreaterThan(size, best);
                    best = Vector256.Max(size, best);
                    bestSigned = Vector256.ConditionalSelect(better, dot, bestSigned);
                    bestO = Vector256.ConditionalSelect(better.AsInt32(), Vector256.Create(o), bestO);
                }
                bestO += Vector256.LessThan(bestSigned, Vector256<float>.Zero).AsInt32() & Vector256.Create(9);
                (Vector256.Load(cx18 + x) + bestO).Store(bin + x);

                var v = Vector256.Sqrt(length);
                var weight0 = Vector256.Load(wx0 + x);
                var vx1 = (Vector256<float>.One - weight0) * v;
                var vx0 = weight0 * v;
                (vx1 * vy1).Store(vote + x);
                (vx1 * vy0).Store(vote + stride + x);
                (vx0 * vy1).Store(vote + 2 * stride + x);
                (vx0 * vy0).Store(vote + 3 * stride + x);
            }
            for (; x < visibleCols; x++)
            {
                float gx = 0, gy = 0, length = -1;
                Channel1(r0, r1, r2, x, ref gx, ref gy, ref length);
                Channel1(g0, g1, g2, x, ref gx, ref gy, ref length);
                Channel1(b0, b1, b2, x, ref gx, ref gy, ref length);
                float bestDot = 0;
                var bestO = 0;
                for (var o = 0; o < 9; o++)
                {
                    var dot = MathF.FusedMultiplyAdd(DirectionY[o], gy, DirectionX[o] * gx);
                    if (dot > bestDot)
                    {
                        bestDot = dot;
                        bestO = o;
                    }
                    else if (-dot > bestDot)
                    {
                        bestDot = -dot;
                        bestO = o + 9;
                    }
                }
                vote[x] = MathF.Sqrt(length);
                bin[x] = cx18[x] + bestO;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe (Vector256<float> Gx, Vector256<float> Gy, Vector256<float> Length) Channel8(float* above, float* row, float* below, int x)
    {
        var gx = Vector256.Load(row + x + 1) - Vector256.Load(row + x - 1);
        var gy = Vector256.Load(below + x) - Vector256.Load(above + x);
        return (gx, gy, gx * gx + gy * gy);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Channel1(float* above, float* row, float* below, int x, ref float gx, ref float gy, ref float length)
    {
        var cgx = row[x + 1] - row[x - 1];
        var cgy = below[x] - above[x];
        var clen = cgx * cgx + cgy * cgy;
        if (clen > length) (gx, gy, length) = (cgx, cgy, clen);
    }

    /// <summary>Per cell, the squared sum of each orientation's two contrast-sensitive bins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: fully optimised from the first photo
    private static float[] CellEnergy(float[] histogram, int cellsRows, int cellsCols)
    {
        var energy = ArrayPool<float>.Shared.Rent(cellsRows * cellsCols);
        for (var r = 0; r < cellsRows; r++)
        for (var c = 0; c < cellsCols; c++)
        {
            var h = ((r + 1) * (cellsCols + 2) + c + 1) * 18;
            float sum = 0;
            for (var o = 0; o < 9; o++)
            {
                var both = histogram[h + o] + histogram[h + o + 9];
                sum = MathF.FusedMultiplyAdd(both, both, sum);
            }
            energy[r * cellsCols + c] = sum;
        }
        return energy;
    }

    /// <summary>
    /// The 31 features of each interior cell: its histogram clipped and normalised by the energy of the four
    /// 2x2 blocks around it (summed over the four for the orientation features, kept apart for texture).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: fully optimised from the first photo
    private void Normalise(float[] histogram, float[] energy, int cellsCols, int hogRows, int hogCols, int rowOffset, int colOffset)
    {
        const float eps = 0.0001f;
        var planeSize = PlaneSize;
        for (var y = 0; y < hogRows; y++)
        for (var x = 0; x < hogCols; x++)
        {
            // The four 2x2 blocks around the cell, one per lane, in dlib's order and summation order.
            float E(int r, int c) => energy[r * cellsCols + c];
            var e11 = E(y + 1, x + 1);
            var blocks = Vector128.Create(
                e11 + E(y + 1, x + 2) + E(y + 2, x + 1) + E(y + 2, x + 2) + eps,
                E(y, x + 1) + E(y, x + 2) + e11 + E(y + 1, x + 2) + eps,
                E(y + 1, x) + e11 + E(y + 2, x) + E(y + 2, x + 1) + eps,
                E(y, x) + E(y, x + 1) + E(y + 1, x) + e11 + eps);
            var nn = Vector128.Create(0.2f) * Vector128.Sqrt(blocks);
            var n = Vector128.Create(0.1f) / nn;
            var t = Vector128<float>.Zero;
            var h = ((y + 2) * (cellsCols + 2) + x + 2) * 18;
            var at = (y + rowOffset) * Columns + x + colOffset;
            for (var o = 0; o < 18; o += 3)
            {
                var h0 = Vector128.Min(Vector128.Create(histogram[h + o]), nn) * n;
                var h1 = Vector128.Min(Vector128.Create(histogram[h + o + 1]), nn) * n;
                var h2 = Vector128.Min(Vector128.Create(histogram[h + o + 2]), nn) * n;
                Data[o * planeSize + at] = Sum4(h0);
                Data[(o + 1) * planeSize + at] = Sum4(h1);
                Data[(o + 2) * planeSize + at] = Sum4(h2);
                t += h0 + h1 + h2;
            }
            for (var o = 0; o < 9; o++)
                Data[(18 + o) * planeSize + at] = Sum4(Vector128.Min(Vector128.Create(histogram[h + o] + histogram[h + o + 9]), nn) * n);
            t *= 0.4714f;
            for (var k = 0; k < 4; k++)
                Data[(27 + k) * planeSize + at] = t.GetElement(k);
        }
    }

    /// <summary>The four lanes summed as SSE4.1's dot product (dlib's <c>sum</c>) does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Sum4(Vector128<float> v) => v.GetElement(0) + v.GetElement(1) + (v.GetElement(2) + v.GetElement(3));
}
