using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceClustering.Core.Imaging;

/// <summary>
/// Samples a window of a BGR image into an RGB NCHW tensor with TensorFlow's bilinear resize
/// (<c>align_corners=false, half_pixel_centers=false</c>: source = destination x scale), as face-api feeds its
/// networks. The window may extend beyond the image; what lies outside reads as <c>fill</c> (face-api pads
/// with zeros).
/// </summary>
public static class WindowSampler
{
    /// <summary>A square window.</summary>
    /// <param name="image">8-bit BGR image.</param>
    /// <param name="left">Window left edge in image pixels.</param>
    /// <param name="top">Window top edge in image pixels.</param>
    /// <param name="side">Window side in image pixels (the padded square's size).</param>
    /// <param name="size">Output side (512, 112, ...).</param>
    /// <param name="destination">3 x size x size floats (R, G, B planes), 0..255.</param>
    /// <param name="fill">Value of pixels outside the image.</param>
    /// <param name="mirror">Flip horizontally (for mirrored landmark averaging).</param>
    /// <param name="valid">Only this part of the image is read (a crop); the rest reads as <paramref name="fill"/>.</param>
    public static void Sample(BgrImage image, double left, double top, double side, int size, Span<float> destination,
        float fill = 0, bool mirror = false, PixelRect? valid = null)
    {
        new RowSampler(image, left, top, side / size, size, size, (int)Math.Ceiling(side), fill, mirror, valid).Planes(destination);
    }

    /// <summary>
    /// A window of <paramref name="width"/> x <paramref name="height"/> output pixels, <paramref name="step"/>
    /// image pixels apart, from (<paramref name="left"/>, <paramref name="top"/>): 3 planes of width x height floats.
    /// </summary>
    public static void Sample(BgrImage image, double left, double top, double step, int width, int height, Span<float> destination,
        float fill = 0) => Rows(image, left, top, step, width, height, fill).Planes(destination);

    /// <summary>The same window, to be read row by row (<see cref="RowSampler.Row"/>) rather than whole.</summary>
    internal static RowSampler Rows(BgrImage image, double left, double top, double step, int width, int height, float fill = 0) =>
        new(image, left, top, step, width, height, -1, fill, mirror: false, valid: null);

    /// <summary>One output row at a time, with each output column's two source columns and weight worked out once.</summary>
    internal sealed unsafe class RowSampler
    {
        private readonly byte* _data;
        private readonly long _stride;
        private readonly int _regionHeight;
        private readonly int _originY;
        private readonly int _lastY;
        private readonly double _step;
        private readonly float _fill;
        private readonly bool _mirror;
        private readonly int[] _columns; // per output column: the two source columns (in the region; -1 outside)
        private readonly float[] _fx;
        private readonly int _height;
        // Output columns [_gatherStart, _gatherEnd) read two source columns inside the region, each as 4 bytes
        // (B, G, R and one more inside the row), at these byte offsets: 8 columns at a time with AVX2 gathers.
        private readonly int[] _offsets0;
        private readonly int[] _offsets1;
        private readonly int _gatherStart;
        private readonly int _gatherEnd;

        /// <param name="paddedSide">The side of the square TF resizes (it clamps to its last row and column), or -1
        /// for a window whose extent is its output size times the step.</param>
        public RowSampler(BgrImage image, double left, double top, double step, int width, int height, int paddedSide, float fill, bool mirror, PixelRect? valid)
        {
            var region = (valid ?? new PixelRect(0, 0, image.Width, image.Height)).Intersect(new PixelRect(0, 0, image.Width, image.Height));
            _stride = image.Stride;
            _data = image.DataPointer + (long)region.Y * _stride + region.X * 3;
            _regionHeight = region.Height;
            _originY = (int)Math.Floor(top) - region.Y;
            _step = step;
            _fill = fill;
            _mirror = mirror;
            var lastX = (paddedSide > 0 ? paddedSide : (int)Math.Ceiling(width * step)) - 1;
            _lastY = (paddedSide > 0 ? paddedSide : (int)Math.Ceiling(height * step)) - 1;
            _height = height;
            _columns = new int[2 * width];
            _fx = new float[width];
            var originX = (int)Math.Floor(left) - region.X;
            for (var x = 0; x < width; x++)
            {
                var sx = x * step;
                var i0 = (int)Math.Floor(sx);
                var c0 = originX + i0;
                var c1 = originX + Math.Min(i0 + 1, lastX);
                _columns[2 * x] = (uint)c0 < (uint)region.Width ? c0 : -1;
                _columns[2 * x + 1] = (uint)c1 < (uint)region.Width ? c1 : -1;
                _fx[x] = (float)(sx - i0);
            }
            _offsets0 = _offsets1 = [];
            _gatherStart = width;
            _gatherEnd = 0;
            if (!mirror && Avx2.IsSupported && width >= 8)
            {
                _offsets0 = new int[width];
                _offsets1 = new int[width];
                for (var x = 0; x < width; x++)
                {
                    var c0 = _columns[2 * x];
                    var c1 = _columns[2 * x + 1];
                    if (c0 < 0 || c1 < 0 || c1 > region.Width - 2) continue;
                    _gatherStart = Math.Min(_gatherStart, x);
                    _gatherEnd = x + 1;
                    _offsets0[x] = 3 * c0;
                    _offsets1[x] = 3 * c1;
                }
            }
        }

        /// <summary>All rows, as R, G and B planes of width x height.</summary>
        public void Planes(Span<float> destination)
        {
            var width = _fx.Length;
            var plane = width * _height;
            if (destination.Length < 3 * plane) throw new ArgumentException($"the destination holds {destination.Length} values, not 3 x {plane}");
            for (var y = 0; y < _height; y++)
                Row(y, destination.Slice(y * width), destination.Slice(plane + y * width), destination.Slice(2 * plane + y * width));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs for every pixel: no slow first photos
        public void Row(int y, Span<float> red, Span<float> green, Span<float> blue)
        {
            var width = _fx.Length;
            var sy = y * _step;
            var j0 = (int)Math.Floor(sy);
            var fy = (float)(sy - j0);
            var r0 = _originY + j0;
            var r1 = _originY + Math.Min(j0 + 1, _lastY);
            var row0 = (uint)r0 < (uint)_regionHeight ? _data + r0 * _stride : null;
            var row1 = (uint)r1 < (uint)_regionHeight ? _data + r1 * _stride : null;
            var gathered = row0 != null && row1 != null && _gatherEnd - _gatherStart >= 8
                ? Gather(row0, row1, fy, red, green, blue)
                : (Start: 0, End: 0);
            for (var x = 0; x < width; x++)
            {
                if (x == gathered.Start) x = gathered.End;
                if (x >= width) break;
                var c0 = _columns[2 * x];
                var c1 = _columns[2 * x + 1];
                var target = _mirror ? width - 1 - x : x;
                var wx = _fx[x];
                float r, g, b;
                if (row0 != null && row1 != null && c0 >= 0 && c1 >= 0)
                {
                    byte* tl = row0 + c0 * 3, tr = row0 + c1 * 3, bl = row1 + c0 * 3, br = row1 + c1 * 3;
                    r = Blend(tl[2], tr[2], bl[2], br[2], wx, fy);
                    g = Blend(tl[1], tr[1], bl[1], br[1], wx, fy);
                    b = Blend(tl[0], tr[0], bl[0], br[0], wx, fy);
                }
                else
                {
                    r = Blend(Pixel(row0, c0, 2), Pixel(row0, c1, 2), Pixel(row1, c0, 2), Pixel(row1, c1, 2), wx, fy);
                    g = Blend(Pixel(row0, c0, 1), Pixel(row0, c1, 1), Pixel(row1, c0, 1), Pixel(row1, c1, 1), wx, fy);
                    b = Blend(Pixel(row0, c0, 0), Pixel(row0, c1, 0), Pixel(row1, c0, 0), Pixel(row1, c1, 0), wx, fy);
                }
                red[target] = r;
                green[target] = g;
                blue[target] = b;
            }
        }

        /// <summary>
        /// Columns [Start, End) of the row, 8 at a time: the same arithmetic as <see cref="Blend"/> (multiply, then add,
        /// so the result is the same to the bit).
        /// </summary>
        private (int Start, int End) Gather(byte* row0, byte* row1, float fy, Span<float> red, Span<float> green, Span<float> blue)
        {
            var end = _gatherStart + (_gatherEnd - _gatherStart) / 8 * 8;
            var wy = Vector256.Create(fy);
            var low = Vector256.Create(0xFF);
            fixed (int* offsets0 = _offsets0, offsets1 = _offsets1)
            fixed (float* fx = _fx, r = red, g = green, b = blue)
            {
                for (var x = _gatherStart; x < end; x += 8)
                {
                    var i0 = Vector256.Load(offsets0 + x);
                    var i1 = Vector256.Load(offsets1 + x);
                    var tl = Avx2.GatherVector256((int*)row0, i0, 1);
                    var tr = Avx2.GatherVector256((int*)row0, i1, 1);
                    var bl = Avx2.GatherVector256((int*)row1, i0, 1);
                    var br = Avx2.GatherVector256((int*)row1, i1, 1);
                    var wx = Vector256.Load(fx + x);
                    Vector256.Store(Lerp(tl, tr, bl, br, 0, wx, wy, low), b + x);
                    Vector256.Store(Lerp(tl, tr, bl, br, 8, wx, wy, low), g + x);
                    Vector256.Store(Lerp(tl, tr, bl, br, 16, wx, wy, low), r + x);
                }
            }
            return (_gatherStart, end);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Lerp(Vector256<int> tl, Vector256<int> tr, Vector256<int> bl, Vector256<int> br, int shift,
            Vector256<float> wx, Vector256<float> wy, Vector256<int> low)
        {
            var topLeft = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(tl, shift) & low);
            var topRight = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(tr, shift) & low);
            var bottomLeft = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(bl, shift) & low);
            var bottomRight = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(br, shift) & low);
            var top = topLeft + (topRight - topLeft) * wx;
            var bottom = bottomLeft + (bottomRight - bottomLeft) * wx;
            return top + (bottom - top) * wy;
        }

        private static float Blend(float topLeft, float topRight, float bottomLeft, float bottomRight, float wx, float wy)
        {
            var topValue = topLeft + (topRight - topLeft) * wx;
            var bottomValue = bottomLeft + (bottomRight - bottomLeft) * wx;
            return topValue + (bottomValue - topValue) * wy;
        }

        private float Pixel(byte* row, int column, int channel) =>
            row != null && column >= 0 ? row[column * 3 + channel] : _fill;
    }
}
