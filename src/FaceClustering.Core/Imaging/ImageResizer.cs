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
        var width = Math.Max(1, (int)Math.Round((double)source.Width / factor));
        var height = Math.Max(1, (int)Math.Round((double)source.Height / factor));
        var result = new BgrImage(width, height);
        var sums = new int[width * 3];
        var counts = new int[width];
        for (var y = 0; y < height; y++)
        {
            Array.Clear(sums);
            var rows = Math.Min(factor, source.Height - y * factor);
            for (var r = 0; r < rows; r++)
            {
                var row = source.DataPointer + (long)(y * factor + r) * source.Stride;
                for (var x = 0; x < width; x++)
                {
                    var columns = Math.Min(factor, source.Width - x * factor);
                    var pixel = row + 3L * x * factor;
                    int b = 0, g = 0, red = 0;
                    for (var c = 0; c < columns; c++, pixel += 3)
                    {
                        b += pixel[0];
                        g += pixel[1];
                        red += pixel[2];
                    }
                    sums[3 * x] += b;
                    sums[3 * x + 1] += g;
                    sums[3 * x + 2] += red;
                    if (r == 0) counts[x] = columns;
                }
            }
            var target = result.Row(y);
            for (var x = 0; x < width; x++)
            {
                var area = Math.Max(1, counts[x] * rows);
                for (var k = 0; k < 3; k++) target[3 * x + k] = (byte)((sums[3 * x + k] + area / 2) / area);
            }
        }
        return result;
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
