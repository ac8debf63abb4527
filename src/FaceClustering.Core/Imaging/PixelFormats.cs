using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceClustering.Core.Imaging;

/// <summary>Conversions between pixel layouts.</summary>
public static class PixelFormats
{
    /// <summary>Drops the alpha byte of <paramref name="count"/> BGRA pixels, writing BGR.</summary>
    public static unsafe void BgraToBgr(byte* from, byte* to, int count)
    {
        var x = 0;
        if (Ssse3.IsSupported)
        {
            // Four pixels at a time: 16 bytes in, 12 out (the store writes 16; the last 4 are overwritten next, so
            // stop while 4 pixels of slack remain).
            var mask = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
            for (; x + 8 <= count; x += 4)
                Sse2.Store(to + 3 * x, Ssse3.Shuffle(Sse2.LoadVector128(from + 4 * x), mask));
        }
        for (; x < count; x++)
        {
            to[3 * x] = from[4 * x];
            to[3 * x + 1] = from[4 * x + 1];
            to[3 * x + 2] = from[4 * x + 2];
        }
    }

    /// <summary>Swaps the first and third byte of <paramref name="count"/> 3-byte pixels in place: RGB to BGR and back.</summary>
    public static unsafe void SwapRedBlue(byte* pixels, long count)
    {
        long x = 0;
        if (Ssse3.IsSupported)
        {
            // Four pixels at a time: 16 bytes loaded, the first 12 swapped and stored as 8 + 4 bytes. A 16-byte store
            // would let the next load overlap it partly, which stalls store-to-load forwarding (4x slower here).
            var mask = Vector128.Create((byte)2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9, 12, 13, 14, 15);
            for (; 3 * x + 16 <= 3 * count; x += 4)
            {
                var swapped = Ssse3.Shuffle(Sse2.LoadVector128(pixels + 3 * x), mask);
                Sse2.StoreScalar((long*)(pixels + 3 * x), swapped.AsInt64());
                *(int*)(pixels + 3 * x + 8) = swapped.AsInt32().GetElement(2);
            }
        }
        for (; x < count; x++)
            (pixels[3 * x], pixels[3 * x + 2]) = (pixels[3 * x + 2], pixels[3 * x]);
    }
}
