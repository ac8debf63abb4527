using SkiaSharp;

namespace FaceClustering.Core.Imaging;

/// <summary>
/// JPEG, PNG, WebP, GIF (its first frame), BMP and ICO, decoded with SkiaSharp (libjpeg-turbo, libpng and libwebp
/// inside its own native library) into 8-bit BGR with the EXIF orientation applied: no colour management (the
/// stored values, as dlib and OpenCV read them), alpha dropped, grayscale and 16-bit made 8-bit BGR.
/// </summary>
public static class SkiaPhotoDecoder
{
    /// <summary>The decoded photo, or null with the reason.</summary>
    public static BgrImage? TryDecode(byte[] bytes, out string? problem)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            problem = "not an image that can be decoded (corrupt, truncated or an unsupported format)";
            return null;
        }
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var info = new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Unpremul);
        unsafe
        {
            // Native memory, kept by the heap between photos (NativeHeap), not a 48-MB managed array per photo.
            var bgra = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)Math.Max(1, checked((long)width * height * 4)));
            try
            {
                var result = codec.GetPixels(info, (nint)bgra);
                if (result != SKCodecResult.Success)
                {
                    problem = result == SKCodecResult.IncompleteInput
                        ? "not an image that can be decoded (truncated)"
                        : $"not an image that can be decoded ({result})";
                    return null;
                }
                problem = null;
                return Oriented(bgra, width, height, codec.EncodedOrigin);
            }
            finally
            {
                System.Runtime.InteropServices.NativeMemory.Free(bgra);
            }
        }
    }

    /// <summary>
    /// The BGRA pixels as BGR, turned upright: pixel (x, y) of the stored image lands where the EXIF origin says
    /// its top-left corner belongs.
    /// </summary>
    private static unsafe BgrImage Oriented(byte* source, int width, int height, SKEncodedOrigin origin)
    {
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var image = new BgrImage(swap ? height : width, swap ? width : height);
        int w = image.Width, h = image.Height;
        long stride = image.Stride;
        // Where stored pixel (x, y) goes, as (column, row) in the upright image.
        (int U, int V) Target(int x, int y) => origin switch
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
        var first = Target(0, 0);
        var next = width > 1 ? Target(1, 0) : first;
        var step = (next.V - first.V) * stride + 3L * (next.U - first.U); // bytes from one stored pixel to the next
        var destination = image.DataPointer;
        for (var y = 0; y < height; y++)
        {
            var (u, v) = Target(0, y);
            var to = destination + v * stride + 3L * u;
            var from = source + (long)y * width * 4;
            for (var x = 0; x < width; x++, from += 4, to += step)
            {
                to[0] = from[0];
                to[1] = from[1];
                to[2] = from[2];
            }
        }
        return image;
    }
}
