using ImageMagick;

namespace FaceClustering.Core.Imaging;

/// <summary>
/// HEIC/HEIF (iPhone photos), AVIF and TIFF, which Skia cannot read, decoded with Magick.NET (libheif and libtiff
/// inside its own native library), orientation applied, as 8-bit BGR.
/// </summary>
public static class MagickPhotoDecoder
{
    /// <summary>True for the formats this decoder is for: an ISO media file whose brand says HEIF, HEIC or AVIF, or a TIFF.</summary>
    public static bool Handles(ReadOnlySpan<byte> data) => IsHeif(data) || IsTiff(data);

    /// <summary>True for an ISO media file whose brand says HEIF, HEIC or AVIF.</summary>
    public static bool IsHeif(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12 || !data[4..8].SequenceEqual("ftyp"u8)) return false;
        var brand = System.Text.Encoding.ASCII.GetString(data[8..12]);
        return brand is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "mif1" or "msf1" or "avif" or "avis";
    }

    /// <summary>True for a TIFF (little- or big-endian, classic or BigTIFF).</summary>
    public static bool IsTiff(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && (data[..4].SequenceEqual("II*\0"u8) || data[..4].SequenceEqual("MM\0*"u8)
                             || data[..4].SequenceEqual("II+\0"u8) || data[..4].SequenceEqual("MM\0+"u8));

    private static int _limited;

    /// <summary>
    /// Magick.NET's resource limits, once for the process: no more pixels than the reader allows (a HEIC grid or a
    /// TIFF page its header did not tell), its pixel cache in memory only (never a temporary file on disk), at most
    /// 512 MiB.
    /// </summary>
    private static void Limit()
    {
        if (Interlocked.Exchange(ref _limited, 1) == 1) return;
        ResourceLimits.Area = (ulong)PhotoReader.MaxPixels;
        ResourceLimits.Disk = 0;
        ResourceLimits.Memory = 512UL << 20;
    }

    /// <summary>The decoded photo, or null with the reason.</summary>
    public static BgrImage? TryDecode(byte[] bytes, long maxPixels, out PhotoProblem? problem)
    {
        try
        {
            var info = new MagickImageInfo(bytes);
            if ((long)info.Width * info.Height > maxPixels)
            {
                problem = PhotoProblem.TooLarge(info.Width, info.Height, maxPixels);
                return null;
            }
            Limit();
            using var image = new MagickImage(bytes);
            image.AutoOrient();
            var width = (int)image.Width;
            var height = (int)image.Height;
            var pixels = image.ToByteArray(MagickFormat.Bgr);
            var result = new BgrImage(width, height);
            for (var y = 0; y < height; y++) pixels.AsSpan(y * width * 3, width * 3).CopyTo(result.Row(y));
            problem = null;
            return result;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException)
        {
            problem = new PhotoProblem("unsupported format: the HEIC/AVIF/TIFF decoder (Magick.NET) cannot be loaded on this system", FormatUnavailable: true);
            return null;
        }
        catch (MagickException e)
        {
            problem = $"not an image that can be decoded ({e.Message.Split('\n')[0]})";
            return null;
        }
    }
}
