namespace FaceClustering.Core.Imaging;

/// <summary>
/// Reads a photo read-only and decodes it by content, not by extension, with EXIF orientation applied;
/// grayscale, alpha, 16-bit and CMYK photos come out as 8-bit BGR: JPEG, PNG, WebP, GIF and BMP through
/// <see cref="SkiaPhotoDecoder"/>, HEIC/HEIF, AVIF and TIFF through <see cref="MagickPhotoDecoder"/>.
/// </summary>
public static class PhotoReader
{
    /// <summary>
    /// Photos larger than this are refused before decoding (a 100-megapixel photo takes 300 MB decoded): by the
    /// size in the header where <see cref="ImageHeader"/> reads it, else by the size the decoder reports before it
    /// allocates (ICO, HEIC); Magick.NET's own limits hold it to as many pixels and no disk cache.
    /// </summary>
    public const long MaxPixels = 100_000_000;

    /// <summary>Files larger than this are refused unread.</summary>
    public const long MaxFileBytes = 512L << 20;

    /// <summary>The decoded BGR image, or null when the file cannot be read or decoded.</summary>
    public static BgrImage? TryRead(string path) => TryRead(path, out _);

    /// <summary>The decoded BGR image, or null with the reason in <paramref name="problem"/>.</summary>
    public static BgrImage? TryRead(string path, out PhotoProblem? problem)
    {
        // Only a regular file with content is opened: a FIFO, a device or a socket reports no size, and opening one
        // could block forever (a FIFO without a writer) or read without end (/dev/zero).
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path))
            {
                problem = "is a folder, not a photo";
                return null;
            }
            if (info.Exists && info.Length == 0)
            {
                problem = "empty file, or not a regular file (a FIFO, a device or a socket); left unread";
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = $"cannot be read ({e.Message})";
            return null;
        }

        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (stream.Length > MaxFileBytes)
            {
                problem = $"too large a file ({stream.Length >> 20} MiB; the limit is {MaxFileBytes >> 20} MiB)";
                return null;
            }
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (UnauthorizedAccessException)
        {
            problem = "permission denied";
            return null;
        }
        catch (FileNotFoundException) when (path.Contains('\uFFFD'))
        {
            problem = "its name is not valid UTF-8, so it cannot be opened; rename the file";
            return null;
        }
        catch (IOException e)
        {
            problem = $"cannot be read ({e.Message})";
            return null;
        }
        if (bytes.Length == 0)
        {
            problem = "empty file";
            return null;
        }

        if (ImageHeader.TryReadSize(bytes) is var (width, height) && width * height > MaxPixels)
        {
            problem = PhotoProblem.TooLarge(width, height, MaxPixels);
            return null;
        }

        return MagickPhotoDecoder.Handles(bytes)
            ? MagickPhotoDecoder.TryDecode(bytes, MaxPixels, out problem)
            : SkiaPhotoDecoder.TryDecode(bytes, MaxPixels, out problem);
    }
}
