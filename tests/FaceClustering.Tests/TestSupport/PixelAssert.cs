namespace FaceClustering.Tests.TestSupport;

/// <summary>Pixel-exact comparison of two images, naming the first row that differs.</summary>
public static class PixelAssert
{
    public static void Same(BgrImage expected, BgrImage actual)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        for (var y = 0; y < expected.Height; y++)
            if (!expected.Row(y).SequenceEqual(actual.Row(y)))
                Assert.Fail($"row {y} differs");
    }
}
