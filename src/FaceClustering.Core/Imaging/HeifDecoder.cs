using ImageMagick;
using OpenCvSharp;

namespace FaceClustering.Core.Imaging;

/// <summary>
/// HEIC/HEIF (iPhone photos) and AVIF, which OpenCV cannot read, decoded with Magick.NET (libheif inside),
/// orientation applied, as 8-bit BGR.
/// </summary>
public static class HeifDecoder
{
    /// <summary>True for an ISO media file whose brand says HEIF, HEIC or AVIF.</summary>
    public static bool IsHeif(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12 || !data[4..8].SequenceEqual("ftyp"u8)) return false;
        var brand = System.Text.Encoding.ASCII.GetString(data[8..12]);
        return brand is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "mif1" or "msf1" or "avif" or "avis";
    }

    /// <summary>The decoded photo, or null with the reason.</summary>
    public static Mat? TryDecode(byte[] bytes, long maxPixels, out string? problem)
    {
        try
        {
            var info = new MagickImageInfo(bytes);
            if ((long)info.Width * info.Height > maxPixels)
            {
                problem = $"too large to decode ({info.Width}x{info.Height} pixels; the limit is {maxPixels / 1_000_000} megapixels)";
                return null;
            }
            using var image = new MagickImage(bytes);
            image.AutoOrient();
            var width = (int)image.Width;
            var height = (int)image.Height;
            var pixels = image.ToByteArray(MagickFormat.Bgr);
            var mat = new Mat(height, width, MatType.CV_8UC3);
            System.Runtime.InteropServices.Marshal.Copy(pixels, 0, mat.Data, pixels.Length);
            problem = null;
            return mat;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException)
        {
            problem = UnsupportedPrefix + "the HEIC/AVIF decoder (Magick.NET) cannot be loaded on this system";
            return null;
        }
        catch (MagickException e)
        {
            problem = $"not an image that can be decoded ({e.Message.Split('\n')[0]})";
            return null;
        }
    }

    /// <summary>Reasons that start with this are counted once per run rather than reported file by file.</summary>
    public const string UnsupportedPrefix = "unsupported format: ";
}
