using FaceClustering.Core.Detection.Hog;

namespace FaceClustering.Tests.Detection.Hog;

/// <summary>dlib's image pyramid: the sizes of pyramid_up and pyramid_down&lt;6&gt; to the pixel, the levels a scan needs, resizes.</summary>
public class DlibPyramidTests
{
    [Theory]
    // Sizes dlib 19.24 gives (tools/dlib-hog-reference): pyramid_up of 675x469 is 1352x939, of 1920x1080 is 3842x2161;
    // pyramid_down<6> of 1352x939 is 1126x782.
    [InlineData(675, 469, 1352, 939)]
    [InlineData(1920, 1080, 3842, 2161)]
    public void Upsampled_sizes_are_dlibs(int width, int height, int upWidth, int upHeight)
        => Assert.Equal((upWidth, upHeight), DlibPyramid.UpSize(width, height));

    [Fact]
    public void Pyramid_levels_shrink_by_five_sixths_until_a_side_is_under_64()
    {
        Assert.Equal((1126, 782), (DlibPyramid.DownSize(1352), DlibPyramid.DownSize(939)));
        var levels = DlibPyramid.LevelCount(1352, 939, 64, 64, 1000);
        int w = 1352, h = 939;
        for (var l = 1; l < levels; l++) (w, h) = (DlibPyramid.DownSize(w), DlibPyramid.DownSize(h));
        Assert.True(Math.Min(w, h) >= 64 * 5 / 6 - 2, $"last level {w}x{h}");
        Assert.True(DlibPyramid.DownSize(Math.Min(w, h)) < 64, $"one more level than needed: {w}x{h}");
        Assert.Equal(1, DlibPyramid.LevelCount(70, 70, 64, 64, 1000));
        Assert.Equal(3, DlibPyramid.LevelCount(10000, 10000, 64, 64, 3));
    }

    [Fact]
    public void A_resize_to_the_same_size_keeps_every_pixel()
    {
        using var image = TestImages.Noise(53, 37, seed: 1);
        using var planes = RgbPlanes.FromBgr(image);
        using var same = DlibPyramid.Resize(planes, 53, 37);
        for (var ch = 0; ch < 3; ch++)
            Assert.True(planes.Channel(ch).AsSpan(0, 53 * 37).SequenceEqual(same.Channel(ch).AsSpan(0, 53 * 37)));
    }
}
