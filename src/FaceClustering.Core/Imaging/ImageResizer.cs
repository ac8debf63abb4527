using System.Runtime.Intrinsics;

namespace FaceClustering.Core.Imaging;

/// <summary>
/// Resizing of BGR images: by a whole factor with the mean of each block (the shrink before the detector's
/// coarsest windows), and to any size, separably, by area where an axis shrinks and bilinearly where it grows
/// (montage tiles), as OpenCV's INTER_AREA does.
/// </summary>
public static class ImageResizer
{
    /// <summary>
    /// The image shrunk <paramref name="factor"/> times: each pixel the rounded mean of a factor x factor block
    /// (of its pixels inside the image, at the right and bottom edges); the size is the original's over the factor,
    /// rounded.
    /// </summary>
    public static unsafe BgrImage ShrinkBy(BgrImage source, int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(factor, 256); // the column sums below are 16-bit
        var width = Math.Max(1, (int)Math.Round((double)source.Width / factor));
        var height = Math.Max(1, (int)Math.Round((double)source.Height / factor));
        var result = new BgrImage(width, height, zeroed: false);
        var used = Math.Min(source.Width, width * factor) * 3; // bytes of each source row that feed the result
        var sums = new ushort[used];
        fixed (ushort* columnSums = sums)
        {
            for (var y = 0; y < height; y++)
            {
                // Vertically: the block's rows summed per byte, 16 bytes at a time.
                Array.Clear(sums);
                var rows = Math.Max(0, Math.Min(factor, source.Height - y * factor));
                for (var r = 0; r < rows; r++)
                    AddRow(source.DataPointer + (long)(y * factor + r) * source.Stride, columnSums, used);
                // Horizontally: each block's columns, then the rounded mean over the pixels the block holds, by
                // a multiply and shift: exact, as sums stay under 2^24 and areas under 2^16.
                var target = result.DataPointer + (long)y * result.Stride;
                for (var x = 0; x < width; x++)
                {
                    var first = x * factor;
                    var columns = Math.Max(0, Math.Min(factor, source.Width - first));
                    var area = (ulong)(columns * rows);
                    if (area == 0) area = 1; // (a block outside the image: none, as the size is rounded)
                    var magic = ((1UL << 40) + area - 1) / area;
                    var half = area / 2;
                    var from = columnSums + 3 * first;
                    uint b = 0, g = 0, r = 0;
                    for (var j = 0; j < columns; j++, from += 3)
                    {
                        b += from[0];
                        g += from[1];
                        r += from[2];
                    }
                    target[3 * x] = (byte)((b + half) * magic >> 40);
                    target[3 * x + 1] = (byte)((g + half) * magic >> 40);
                    target[3 * x + 2] = (byte)((r + half) * magic >> 40);
                }
            }
        }
        return result;
    }

    private static unsafe void AddRow(byte* row, ushort* sums, int count)
    {
        var k = 0;
        for (; k + Vector128<byte>.Count <= count; k += Vector128<byte>.Count)
        {
            var (low, high) = Vector128.Widen(Vector128.Load(row + k));
            (Vector128.Load(sums + k) + low).Store(sums + k);
            (Vector128.Load(sums + k + 8) + high).Store(sums + k + 8);
        }
        for (; k < count; k++) sums[k] += row[k];
    }

    /// <summary>Resamples <paramref name="source"/> onto the whole of <paramref name="destination"/>.</summary>
    public static void Resize(BgrImage source, BgrImage destination)
    {
        if (source.IsEmpty || destination.IsEmpty) return;
        var columns = Weights(source.Width, destination.Width);
        var rows = Weights(source.Height, destination.Height);
        // Horizontal pass into floats, one row of the source at a time, then the vertical pass.
        var across = new float[source.Height * destination.Width * 3];
        for (var y = 0; y < source.Height; y++)
        {
            var row = source.Row(y);
            var output = across.AsSpan(y * destination.Width * 3, destination.Width * 3);
            for (var x = 0; x < destination.Width; x++)
            {
                float b = 0, g = 0, r = 0;
                foreach (var (index, weight) in columns[x])
                {
                    b += weight * row[3 * index];
                    g += weight * row[3 * index + 1];
                    r += weight * row[3 * index + 2];
                }
                (output[3 * x], output[3 * x + 1], output[3 * x + 2]) = (b, g, r);
            }
        }
        var span = destination.Width * 3;
        for (var y = 0; y < destination.Height; y++)
        {
            var target = destination.Row(y);
            for (var k = 0; k < span; k++)
            {
                float value = 0;
                foreach (var (index, weight) in rows[y]) value += weight * across[index * span + k];
                target[k] = (byte)Math.Clamp(MathF.Round(value), 0, 255);
            }
        }
    }

    /// <summary>Per output position along one axis, the input positions that make it and their weights (summing to 1).</summary>
    private static (int Index, float Weight)[][] Weights(int from, int to)
    {
        var scale = (double)from / to;
        var result = new (int, float)[to][];
        for (var i = 0; i < to; i++)
        {
            if (scale > 1)
            {
                // Area: every input cell the output cell [i, i + 1) * scale covers, by how much it covers it.
                var start = i * scale;
                var end = Math.Min(from, (i + 1) * scale);
                var list = new List<(int, float)>();
                for (var j = (int)Math.Floor(start); j < end; j++)
                {
                    var cover = Math.Min(end, j + 1) - Math.Max(start, j);
                    if (cover > 1e-9) list.Add((j, (float)(cover / (end - start))));
                }
                result[i] = [.. list];
            }
            else
            {
                // Bilinear, pixel centres aligned: output i samples input (i + 0.5) * scale - 0.5, clamped to the edge.
                var position = Math.Clamp((i + 0.5) * scale - 0.5, 0, from - 1);
                var left = (int)Math.Floor(position);
                var right = Math.Min(left + 1, from - 1);
                var t = (float)(position - left);
                result[i] = right == left ? [(left, 1f)] : [(left, 1 - t), (right, t)];
            }
        }
        return result;
    }
}
