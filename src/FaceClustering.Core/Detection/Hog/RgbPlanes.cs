using System.Runtime.CompilerServices;
using System.Buffers;
using FaceClustering.Core.Imaging;

namespace FaceClustering.Core.Detection.Hog;

/// <summary>
/// An 8-bit RGB image as three planes, the layout the FHOG stage reads row by row. The planes are rented from
/// the shared array pool (a photo's pyramid is hundreds of megabytes of short-lived arrays; fresh ones cost page
/// faults and collections on every photo): dispose to give them back. They may be longer than the image.
/// </summary>
internal sealed class RgbPlanes(int width, int height) : IDisposable
{
    /// <summary>Bytes after the last pixel of each plane, so 16-byte loads at the last pixels stay inside the array.</summary>
    public const int Tail = 16;

    public int Width { get; } = width;
    public int Height { get; } = height;
    public byte[] Red { get; } = ArrayPool<byte>.Shared.Rent(checked(width * height + Tail));
    public byte[] Green { get; } = ArrayPool<byte>.Shared.Rent(checked(width * height + Tail));
    public byte[] Blue { get; } = ArrayPool<byte>.Shared.Rent(checked(width * height + Tail));

    public byte[] Channel(int c) => c switch { 0 => Red, 1 => Green, _ => Blue };

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(Red);
        ArrayPool<byte>.Shared.Return(Green);
        ArrayPool<byte>.Shared.Return(Blue);
    }

    /// <summary>The planes of an 8-bit BGR photo.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: fully optimised from the first photo
    public static unsafe RgbPlanes FromBgr(BgrImage image)
    {
        int width = image.Width, height = image.Height;
        var planes = new RgbPlanes(width, height);
        for (var y = 0; y < height; y++)
        {
            var row = image.DataPointer + (long)y * image.Stride;
            var offset = y * width;
            for (var x = 0; x < width; x++)
            {
                planes.Blue[offset + x] = row[3 * x];
                planes.Green[offset + x] = row[3 * x + 1];
                planes.Red[offset + x] = row[3 * x + 2];
            }
        }
        return planes;
    }
}
