using OpenCvSharp;

namespace FaceClustering.Core.Imaging;

/// <summary>Reads a photo read-only and decodes it by content (not by extension), EXIF orientation applied.</summary>
public static class PhotoReader
{
    /// <summary>The decoded BGR image, or null when the file cannot be read or decoded.</summary>
    public static Mat? TryRead(string path)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (bytes.Length == 0) return null;

        var image = Cv2.ImDecode(bytes, ImreadModes.Color);
        if (!image.Empty()) return image;
        image.Dispose();
        return null;
    }
}
