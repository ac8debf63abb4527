using OpenCvSharp;

namespace FaceClustering.Tests.TestSupport;

/// <summary>Images the tests make themselves.</summary>
internal static class TestImages
{
    /// <summary>A BGR image whose pixel (x, y) is (x, y, x + y), each mod 256: every value says where it came from.</summary>
    public static Mat Gradient(int width, int height)
    {
        var image = new Mat(height, width, MatType.CV_8UC3);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            image.Set(y, x, new Vec3b((byte)(x % 256), (byte)(y % 256), (byte)((x + y) % 256)));
        return image;
    }
}
