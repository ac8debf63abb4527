using System.Runtime.InteropServices;
using SkiaSharp;

namespace FaceClustering.Core.Imaging;

/// <summary>
/// JPEG, PNG, WebP, GIF (its first frame), BMP and ICO, decoded with SkiaSharp (libjpeg-turbo, libpng and libwebp
/// inside its own native library) into 8-bit BGR with the EXIF orientation applied: no colour management (the
/// stored values, as dlib and OpenCV read them), alpha dropped, grayscale and 16-bit made 8-bit BGR. JPEGs are
/// decoded by the faster paths where they take them, with the same pixels, Skia reading only their header and
/// orientation: plain sequential ones by <see cref="LibjpegJpegDecoder"/>, others of
/// <see cref="VipsJpegDecoder.MinPixels"/> and more (progressive ones) by <see cref="VipsJpegDecoder"/>.
/// </summary>
public static class SkiaPhotoDecoder
{
    /// <summary>Rows decoded at a time when the codec decodes row by row (JPEG, non-interlaced PNG): a small buffer.</summary>
    private const int RowsAtATime = 16;

    /// <summary>The decoded photo, or null with the reason (one of more than <paramref name="maxPixels"/> is refused
    /// from the size the codec reports, before anything is allocated for it).</summary>
    public static BgrImage? TryDecode(byte[] bytes, long maxPixels, out PhotoProblem? problem) =>
        TryDecode(bytes, maxPixels, fastJpegs: true, out problem);

    /// <summary>With <paramref name="fastJpegs"/> false, Skia alone, without the fast paths for JPEGs (the tests'
    /// reference for them).</summary>
    internal static BgrImage? TryDecode(byte[] bytes, bool fastJpegs, out PhotoProblem? problem) =>
        TryDecode(bytes, PhotoReader.MaxPixels, fastJpegs, out problem);

    private static BgrImage? TryDecode(byte[] bytes, long maxPixels, bool fastJpegs, out PhotoProblem? problem)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            problem = "not an image that can be decoded (corrupt, truncated or an unsupported format)";
            return null;
        }
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var pixels = (long)width * height;
        if (pixels > maxPixels)
        {
            problem = PhotoProblem.TooLarge(width, height, maxPixels);
            return null;
        }
        var info = new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Unpremul);
        var turned = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
            or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom; // a quarter turn: width and height swap
        var image = new BgrImage(turned ? height : width, turned ? width : height, zeroed: false);
        var placer = new RowPlacer(image, width, height, codec.EncodedOrigin);
        if (fastJpegs && codec.EncodedFormat == SKEncodedImageFormat.Jpeg
            && DecodedFast(bytes, placer, width, height, codec.EncodedOrigin == SKEncodedOrigin.TopLeft ? image : null))
        {
            problem = null;
            return image;
        }
        var result = codec.ScanlineOrder == SKCodecScanlineOrder.TopDown && codec.StartScanlineDecode(info) == SKCodecResult.Success
            ? ByRows(codec, placer, width, height)
            : Whole(codec, info, placer, width, height);
        if (result != SKCodecResult.Success)
        {
            image.Dispose();
            problem = result == SKCodecResult.IncompleteInput
                ? "not an image that can be decoded (truncated)"
                : $"not an image that can be decoded ({result})";
            return null;
        }
        problem = null;
        return image;
    }

    /// <summary>
    /// A JPEG through <see cref="LibjpegJpegDecoder"/>, or one it declines of <see cref="VipsJpegDecoder.MinPixels"/>
    /// and more through <see cref="VipsJpegDecoder"/> (damaged data goes to Skia, which says what is wrong): straight
    /// into <paramref name="upright"/> when the photo needs no turning, else into a stored-orientation image whose
    /// rows are then placed.
    /// </summary>
    private static unsafe bool DecodedFast(byte[] bytes, RowPlacer placer, int width, int height, BgrImage? upright)
    {
        var stored = upright ?? new BgrImage(width, height, zeroed: false);
        try
        {
            var result = LibjpegJpegDecoder.TryDecodeInto(bytes, stored);
            var decoded = result == LibjpegJpegDecoder.Result.Decoded
                          || (result == LibjpegJpegDecoder.Result.Declined && (long)width * height >= VipsJpegDecoder.MinPixels
                              && VipsJpegDecoder.TryDecodeInto(bytes, stored));
            if (decoded && upright is null)
                for (var y = 0; y < height; y++) placer.Place(y, stored.DataPointer + (long)y * stored.Stride, bytesPerPixel: 3);
            return decoded;
        }
        finally
        {
            if (upright is null) stored.Dispose();
        }
    }

    /// <summary>Row by row through a small buffer: no full-size BGRA copy of a 12-MP photo (48 MB) is ever made.</summary>
    private static unsafe SKCodecResult ByRows(SKCodec codec, RowPlacer placer, int width, int height)
    {
        var rows = Math.Min(RowsAtATime, height);
        var buffer = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, (long)width * 4 * rows));
        try
        {
            for (var y = 0; y < height; y += rows)
            {
                var count = Math.Min(rows, height - y);
                if (codec.GetScanlines((nint)buffer, count, width * 4) < count) return SKCodecResult.IncompleteInput;
                for (var r = 0; r < count; r++) placer.Place(y + r, buffer + (long)r * width * 4);
            }
            return SKCodecResult.Success;
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    /// <summary>For codecs that cannot decode row by row (WebP, interlaced PNG, GIF): the whole image, then placed.</summary>
    private static unsafe SKCodecResult Whole(SKCodec codec, SKImageInfo info, RowPlacer placer, int width, int height)
    {
        var bgra = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, checked((long)width * height * 4)));
        try
        {
            var result = codec.GetPixels(info, (nint)bgra);
            if (result != SKCodecResult.Success) return result;
            for (var y = 0; y < height; y++) placer.Place(y, bgra + (long)y * width * 4);
            return SKCodecResult.Success;
        }
        finally
        {
            NativeMemory.Free(bgra);
        }
    }

    /// <summary>
    /// Puts stored BGRA (or BGR) rows into the upright BGR image: pixel (x, y) of the stored image lands where the EXIF origin
    /// says its top-left corner belongs.
    /// </summary>
    private sealed unsafe class RowPlacer(BgrImage image, int width, int height, SKEncodedOrigin origin)
    {
        private readonly long _step = Step(image, width, height, origin);

        public void Place(int y, byte* from, int bytesPerPixel = 4)
        {
            var (u, v) = Target(image, width, height, origin, 0, y);
            var to = image.DataPointer + v * (long)image.Stride + 3L * u;
            if (origin == SKEncodedOrigin.TopLeft && bytesPerPixel == 4)
            {
                PixelFormats.BgraToBgr(from, to, width);
                return;
            }
            for (var x = 0; x < width; x++, from += bytesPerPixel, to += _step)
            {
                to[0] = from[0];
                to[1] = from[1];
                to[2] = from[2];
            }
        }

        /// <summary>Bytes from where one stored pixel lands to where the next in its row does.</summary>
        private static long Step(BgrImage image, int width, int height, SKEncodedOrigin origin)
        {
            var first = Target(image, width, height, origin, 0, 0);
            var next = width > 1 ? Target(image, width, height, origin, 1, 0) : first;
            return (next.V - first.V) * (long)image.Stride + 3L * (next.U - first.U);
        }

        /// <summary>Where stored pixel (x, y) goes, as (column, row) in the upright image.</summary>
        private static (int U, int V) Target(BgrImage image, int width, int height, SKEncodedOrigin origin, int x, int y)
        {
            var (w, h) = (image.Width, image.Height);
            return origin switch
            {
                SKEncodedOrigin.TopRight => (w - 1 - x, y), // mirrored
                SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y), // turned 180°
                SKEncodedOrigin.BottomLeft => (x, h - 1 - y), // mirrored vertically
                SKEncodedOrigin.LeftTop => (y, x), // transposed
                SKEncodedOrigin.RightTop => (w - 1 - y, x), // turned 90° clockwise
                SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x), // transversed
                SKEncodedOrigin.LeftBottom => (y, h - 1 - x), // turned 90° counter-clockwise
                _ => (x, y),
            };
        }
    }
}
