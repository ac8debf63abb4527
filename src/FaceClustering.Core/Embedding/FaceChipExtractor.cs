using FaceClustering.Core.Imaging;


namespace FaceClustering.Core.Embedding;

/// <summary>
/// Cuts an aligned face chip the way dlib's <c>get_face_chip_details</c> + <c>extract_image_chip</c> do:
/// a least-squares similarity transform from template points (scaled into a padded chip) to the face's
/// points; chip pixels 0..size-1 mapped onto the corners of the rotated source rectangle; bilinear sampling
/// truncated to bytes, 0 outside the image; and, when the source rectangle is much larger than the chip, dlib's
/// pyramid_down&lt;2&gt; (a [1 4 6 4 1] filter, integer arithmetic) applied first, so the chip is not aliased.
/// </summary>
public static class FaceChipExtractor
{
    /// <summary>The chip as RGB planes (3 x size x size floats, 0..255 whole numbers).</summary>
    /// <param name="image">8-bit BGR photo.</param>
    /// <param name="imagePoints">The face's points, in photo pixels.</param>
    /// <param name="template">Where those points belong, in dlib's unpadded 0..1 face frame.</param>
    public static void Extract(BgrImage image, ReadOnlySpan<Point2d> imagePoints, ReadOnlySpan<Point2d> template,
        int size, double padding, Span<float> destination)
    {
        // Chip-frame positions of the template points.
        var chipPoints = new Point2d[template.Length];
        for (var i = 0; i < template.Length; i++)
            chipPoints[i] = new Point2d((padding + template[i].X) / (2 * padding + 1) * size,
                (padding + template[i].Y) / (2 * padding + 1) * size);

        var (a, b, tx, ty) = SimilarityTransform(chipPoints, imagePoints);
        var angle = Math.Atan2(b, a);
        var scale = Math.Sqrt(a * a + b * b);
        var center = new Point2d(a * size / 2.0 - b * size / 2.0 + tx, b * size / 2.0 + a * size / 2.0 + ty);
        var rect = CenteredRect(center, size * scale); // dlib's centered_drect

        // Pyramid depth and the border it needs, as dlib computes them.
        var chipArea = (double)size * size;
        var grow = 2.0;
        var down = RectDown(rect);
        while (Area(down) > chipArea)
        {
            down = RectDown(down);
            grow = grow * 2 + 2;
        }
        var corners = RotatedCorners(rect, angle);
        var minX = corners.Min(p => p.X) - grow;
        var minY = corners.Min(p => p.Y) - grow;
        var maxX = corners.Max(p => p.X) + grow;
        var maxY = corners.Max(p => p.Y) + grow;
        var (boxX, boxY) = ((int)Math.Floor(Math.Max(0, minX) + 0.5), (int)Math.Floor(Math.Max(0, minY) + 0.5));
        var right = (int)Math.Floor(Math.Min(image.Width - 1, maxX) + 0.5);
        var bottom = (int)Math.Floor(Math.Min(image.Height - 1, maxY) + 0.5);
        var box = new PixelRect(boxX, boxY, right - boxX + 1, bottom - boxY + 1);
        destination[..(3 * size * size)].Clear();
        if (box.Width <= 0 || box.Height <= 0) return;

        var local = new DRect(rect.Left - box.X, rect.Top - box.Y, rect.Right - box.X, rect.Bottom - box.Y);
        var level = -1;
        while (Area(RectDown(local)) > chipArea)
        {
            level++;
            local = RectDown(local);
        }

        using var source = image.View(box);
        var levelImage = source;
        var pyramid = new List<BgrImage>();
        try
        {
            for (var l = 0; l <= level; l++)
            {
                var next = PyramidDown(levelImage);
                pyramid.Add(next);
                levelImage = next;
                if (next.Width == 0 || next.Height == 0) return;
            }

            // Chip corners (0,0), (size-1,0), (0,size-1) onto the rotated rectangle's tl, tr, bl corners.
            var c = RotatedCorners(local, angle);
            var (tl, tr, bl) = (c[0], c[1], c[2]);
            var ux = (tr.X - tl.X) / (size - 1);
            var uy = (tr.Y - tl.Y) / (size - 1);
            var vx = (bl.X - tl.X) / (size - 1);
            var vy = (bl.Y - tl.Y) / (size - 1);
            Sample(levelImage, tl, ux, uy, vx, vy, size, destination);
        }
        finally
        {
            foreach (var m in pyramid) m.Dispose();
        }
    }

    /// <summary>Least-squares similarity (x' = a x - b y + tx, y' = b x + a y + ty) from <paramref name="from"/> to <paramref name="to"/>.</summary>
    internal static (double A, double B, double Tx, double Ty) SimilarityTransform(ReadOnlySpan<Point2d> from, ReadOnlySpan<Point2d> to)
    {
        var n = from.Length;
        double mfx = 0, mfy = 0, mtx = 0, mty = 0;
        for (var i = 0; i < n; i++) { mfx += from[i].X; mfy += from[i].Y; mtx += to[i].X; mty += to[i].Y; }
        mfx /= n; mfy /= n; mtx /= n; mty /= n;
        double sxx = 0, sxy = 0, norm = 0;
        for (var i = 0; i < n; i++)
        {
            var fx = from[i].X - mfx; var fy = from[i].Y - mfy;
            var tx = to[i].X - mtx; var ty = to[i].Y - mty;
            sxx += fx * tx + fy * ty;
            sxy += fx * ty - fy * tx;
            norm += fx * fx + fy * fy;
        }
        var a = sxx / norm;
        var b = sxy / norm;
        return (a, b, mtx - (a * mfx - b * mfy), mty - (b * mfx + a * mfy));
    }

    internal readonly record struct DRect(double Left, double Top, double Right, double Bottom);

    private static DRect CenteredRect(Point2d p, double side)
    {
        side--;
        return new DRect(p.X - side / 2, p.Y - side / 2, p.X + side / 2, p.Y + side / 2);
    }

    private static double Area(DRect r) =>
        r.Top > r.Bottom || r.Left > r.Right ? 0 : (r.Right - r.Left + 1) * (r.Bottom - r.Top + 1);

    /// <summary>dlib's pyramid_down&lt;2&gt;::rect_down: p / 2 - (1.25, 0.75) for both corners.</summary>
    private static DRect RectDown(DRect r) =>
        new(r.Left / 2 - 1.25, r.Top / 2 - 0.75, r.Right / 2 - 1.25, r.Bottom / 2 - 0.75);

    private static Point2d[] RotatedCorners(DRect r, double angle)
    {
        var cx = (r.Left + r.Right) / 2;
        var cy = (r.Top + r.Bottom) / 2;
        var cos = Math.Cos(angle);
        var sin = Math.Sin(angle);
        Point2d Rotate(double x, double y) =>
            new(cx + cos * (x - cx) - sin * (y - cy), cy + sin * (x - cx) + cos * (y - cy));
        return [Rotate(r.Left, r.Top), Rotate(r.Right, r.Top), Rotate(r.Left, r.Bottom), Rotate(r.Right, r.Bottom)];
    }

    /// <summary>dlib's pyramid_down&lt;2&gt; on an 8-bit 3-channel image: [1 4 6 4 1] rows then columns, sum / 256 truncated.</summary>
    internal static unsafe BgrImage PyramidDown(BgrImage image)
    {
        var rows = image.Height;
        var cols = image.Width;
        if (rows <= 8 || cols <= 8) return new BgrImage(0, 0);
        var tempCols = (cols - 3) / 2;
        var outRows = (rows - 3) / 2;
        var temp = new ushort[rows * tempCols * 3];
        long stride = image.Stride;
        var src = image.DataPointer;
        for (var r = 0; r < rows; r++)
        {
            var line = src + r * stride;
            for (var c = 0; c < tempCols; c++)
            {
                var o = 2 * c * 3;
                for (var ch = 0; ch < 3; ch++)
                    temp[(r * tempCols + c) * 3 + ch] = (ushort)(line[o + ch] + 4 * line[o + 3 + ch] + 6 * line[o + 6 + ch]
                                                                 + 4 * line[o + 9 + ch] + line[o + 12 + ch]);
            }
        }
        var result = new BgrImage(tempCols, outRows);
        var dst = result.DataPointer;
        long dstStride = result.Stride;
        var dr = 0;
        for (var r = 2; r < rows - 2 && dr < outRows; r += 2, dr++)
        for (var c = 0; c < tempCols; c++)
        for (var ch = 0; ch < 3; ch++)
        {
            int T(int row) => temp[(row * tempCols + c) * 3 + ch];
            var sum = T(r - 2) + 4 * T(r - 1) + 6 * T(r) + 4 * T(r + 1) + T(r + 2);
            dst[dr * dstStride + c * 3 + ch] = (byte)(sum / 256);
        }
        return result;
    }

    private static unsafe void Sample(BgrImage image, Point2d origin, double ux, double uy, double vx, double vy, int size, Span<float> destination)
    {
        var width = image.Width;
        var height = image.Height;
        long stride = image.Stride;
        var data = image.DataPointer;
        var plane = size * size;
        for (var r = 0; r < size; r++)
        for (var c = 0; c < size; c++)
        {
            var x = origin.X + c * ux + r * vx;
            var y = origin.Y + c * uy + r * vy;
            var left = (long)Math.Floor(x);
            var top = (long)Math.Floor(y);
            if (left < 0 || top < 0 || left + 1 >= width || top + 1 >= height) continue; // 0 outside, as dlib
            var fx = x - left;
            var fy = y - top;
            var p = data + top * stride + left * 3;
            for (var ch = 0; ch < 3; ch++)
            {
                double tl = p[ch], tr = p[3 + ch], bl = p[stride + ch], br = p[stride + 3 + ch];
                var value = (1 - fy) * ((1 - fx) * tl + fx * tr) + fy * ((1 - fx) * bl + fx * br);
                // BGR in, RGB planes out; dlib truncates to the pixel type.
                destination[(2 - ch) * plane + r * size + c] = (float)Math.Floor(Math.Clamp(value, 0, 255));
            }
        }
    }
}
