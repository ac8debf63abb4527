using SkiaSharp;

namespace FaceClustering.Core.Imaging;

/// <summary>BGR images to JPEG bytes, with SkiaSharp (libjpeg-turbo).</summary>
public static class JpegWriter
{
    public static unsafe byte[] Encode(BgrImage image, int quality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        if (image.IsEmpty) throw new ArgumentException("an empty image has no JPEG", nameof(image));
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        var pixels = (byte*)bitmap.GetPixels();
        var rowBytes = bitmap.RowBytes;
        for (var y = 0; y < image.Height; y++)
        {
            var from = image.Row(y);
            var to = pixels + (long)y * rowBytes;
            for (var x = 0; x < image.Width; x++)
            {
                to[4 * x] = from[3 * x];
                to[4 * x + 1] = from[3 * x + 1];
                to[4 * x + 2] = from[3 * x + 2];
                to[4 * x + 3] = 255;
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality)
                         ?? throw new InvalidOperationException("SkiaSharp could not encode the JPEG");
        return data.ToArray();
    }
}
