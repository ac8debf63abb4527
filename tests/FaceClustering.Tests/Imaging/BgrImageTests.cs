namespace FaceClustering.Tests.Imaging;

/// <summary>
/// BGR pixels in native memory: pixels addressed by (y, x) and checked at the edges, views that share their
/// parent's pixels and must lie inside it, copies that do not, and no access once disposed.
/// </summary>
public class BgrImageTests
{
    [Fact]
    public void Pixels_are_blue_green_red_row_by_row()
    {
        using var image = new BgrImage(4, 3);
        Assert.Equal((4, 3, 12), (image.Width, image.Height, image.Stride));
        Assert.Equal(((byte)0, (byte)0, (byte)0), image[2, 3]); // black when new
        image[1, 2] = (10, 20, 30);
        Assert.Equal([10, 20, 30], image.Row(1)[6..9].ToArray());
        image.Fill(1, 2, 3);
        Assert.All(Enumerable.Range(0, 3), y => Assert.Equal(Enumerable.Range(0, 12).Select(k => (byte)(k % 3 + 1)), image.Row(y).ToArray()));
        Assert.Throws<ArgumentOutOfRangeException>(() => image[3, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => image[0, 4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Row(-1));
        Assert.True(new BgrImage(0, 5).IsEmpty);
    }

    [Fact]
    public void A_view_shares_its_parents_pixels_and_a_clone_does_not()
    {
        using var image = new BgrImage(10, 8);
        using var view = image.View(new PixelRect(2, 3, 4, 5));
        Assert.Equal((4, 5, image.Stride), (view.Width, view.Height, view.Stride));
        view[0, 0] = (7, 8, 9);
        Assert.Equal(((byte)7, (byte)8, (byte)9), image[3, 2]);
        using var clone = image.Clone();
        clone[3, 2] = (0, 0, 0);
        Assert.Equal(((byte)7, (byte)8, (byte)9), image[3, 2]);
        Assert.Equal(image.Width * 3, clone.Stride);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.View(new PixelRect(8, 0, 3, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => image.View(new PixelRect(-1, 0, 1, 1)));
        using var empty = image.View(new PixelRect(10, 8, 0, 0)); // an empty view at the corner is allowed
        Assert.True(empty.IsEmpty);
    }

    [Fact]
    public void A_disposed_image_refuses_access_and_disposing_twice_is_harmless()
    {
        var image = new BgrImage(2, 2);
        image.Dispose();
        image.Dispose();
        Assert.Throws<ObjectDisposedException>(() => image.Row(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgrImage(-1, 2));
        Assert.Throws<OverflowException>(() => new BgrImage(int.MaxValue, 1)); // its stride does not fit
    }
}
