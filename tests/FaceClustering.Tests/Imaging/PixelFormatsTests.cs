namespace FaceClustering.Tests.Imaging;

/// <summary>The layout conversions give what a byte-by-byte loop gives, at every length (the vector loops' tails).</summary>
public class PixelFormatsTests
{
    private static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(33)]
    [InlineData(1001)]
    public unsafe void Bgra_to_bgr_drops_every_fourth_byte(int pixels)
    {
        var from = Bytes(4 * pixels, pixels);
        var to = new byte[3 * pixels + 1];
        to[^1] = 0xAB; // the byte past the end stays
        fixed (byte* f = from)
        fixed (byte* t = to)
            PixelFormats.BgraToBgr(f, t, pixels);
        for (var x = 0; x < pixels; x++)
            Assert.Equal((from[4 * x], from[4 * x + 1], from[4 * x + 2]), (to[3 * x], to[3 * x + 1], to[3 * x + 2]));
        Assert.Equal(0xAB, to[^1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(9)]
    [InlineData(1000)]
    public unsafe void Swap_red_blue_swaps_the_outer_bytes_of_each_pixel_in_place(int pixels)
    {
        var original = Bytes(3 * pixels + 1, pixels);
        var swapped = (byte[])original.Clone();
        fixed (byte* p = swapped)
            PixelFormats.SwapRedBlue(p, pixels);
        for (var x = 0; x < pixels; x++)
            Assert.Equal((original[3 * x + 2], original[3 * x + 1], original[3 * x]), (swapped[3 * x], swapped[3 * x + 1], swapped[3 * x + 2]));
        Assert.Equal(original[^1], swapped[^1]); // nothing past the pixels is touched
    }
}
