using OpenCvSharp;

namespace FaceClustering.Core.Imaging;

/// <summary>
/// Samples a square window of a BGR image into an RGB NCHW float tensor with TensorFlow's bilinear resize
/// (<c>align_corners=false, half_pixel_centers=false</c>: source = destination x scale), as face-api feeds its
/// networks. The window may extend beyond the image; what lies outside reads as <c>fill</c> (face-api pads
/// with zeros).
/// </summary>
public static class SquareSampler
{
    /// <param name="image">8-bit BGR image.</param>
    /// <param name="left">Window left edge in image pixels.</param>
    /// <param name="top">Window top edge in image pixels.</param>
    /// <param name="side">Window side in image pixels (the padded square's size).</param>
    /// <param name="size">Output side (512, 112, ...).</param>
    /// <param name="destination">3 x size x size floats (R, G, B planes), 0..255.</param>
    /// <param name="fill">Value of pixels outside the image.</param>
    /// <param name="mirror">Flip horizontally (for mirrored landmark averaging).</param>
    /// <param name="valid">Only this part of the image is read (a crop); the rest reads as <paramref name="fill"/>.</param>
    public static unsafe void Sample(Mat image, double left, double top, double side, int size, Span<float> destination,
        float fill = 0, bool mirror = false, Rect? valid = null)
    {
        if (image.Type() != MatType.CV_8UC3) throw new ArgumentException("expected an 8-bit BGR image", nameof(image));
        var region = (valid ?? new Rect(0, 0, image.Width, image.Height)).Intersect(new Rect(0, 0, image.Width, image.Height));
        var width = region.Width;
        var height = region.Height;
        var stride = image.Step();
        var data = (byte*)image.DataPointer + region.Y * stride + region.X * 3;
        var scale = side / size;
        var last = (int)Math.Ceiling(side) - 1; // TF clamps to the last row/column of the (padded) input
        var plane = size * size;

        Span<int> x0 = stackalloc int[size];
        Span<int> x1 = stackalloc int[size];
        Span<float> fx = stackalloc float[size];
        for (var x = 0; x < size; x++)
        {
            var sx = x * scale;
            var i0 = (int)Math.Floor(sx);
            x0[x] = i0;
            x1[x] = Math.Min(i0 + 1, last);
            fx[x] = (float)(sx - i0);
        }

        for (var y = 0; y < size; y++)
        {
            var sy = y * scale;
            var j0 = (int)Math.Floor(sy);
            var j1 = Math.Min(j0 + 1, last);
            var fy = (float)(sy - j0);
            var row0 = (int)Math.Floor(top) - region.Y + j0;
            var row1 = (int)Math.Floor(top) - region.Y + j1;
            var row = y * size;
            for (var x = 0; x < size; x++)
            {
                var col0 = (int)Math.Floor(left) - region.X + x0[x];
                var col1 = (int)Math.Floor(left) - region.X + x1[x];
                var target = row + (mirror ? size - 1 - x : x);
                for (var c = 0; c < 3; c++)
                {
                    var tl = Pixel(data, stride, width, height, row0, col0, 2 - c, fill);
                    var tr = Pixel(data, stride, width, height, row0, col1, 2 - c, fill);
                    var bl = Pixel(data, stride, width, height, row1, col0, 2 - c, fill);
                    var br = Pixel(data, stride, width, height, row1, col1, 2 - c, fill);
                    var topValue = tl + (tr - tl) * fx[x];
                    var bottomValue = bl + (br - bl) * fx[x];
                    destination[c * plane + target] = topValue + (bottomValue - topValue) * fy;
                }
            }
        }
    }

    private static unsafe float Pixel(byte* data, long stride, int width, int height, int row, int col, int channel, float fill) =>
        (uint)row < (uint)height && (uint)col < (uint)width ? data[row * stride + col * 3 + channel] : fill;
}
