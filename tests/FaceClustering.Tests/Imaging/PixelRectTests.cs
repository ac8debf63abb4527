namespace FaceClustering.Tests.Imaging;

/// <summary>Whole-pixel rectangles: edges, overlaps, and no wrap-around for the corners a hostile file may hold.</summary>
public class PixelRectTests
{
    [Fact]
    public void Edges_and_overlaps_are_in_whole_pixels()
    {
        var a = new PixelRect(10, 20, 30, 40);
        Assert.Equal((40, 60), (a.Right, a.Bottom));
        Assert.Equal(a, PixelRect.FromLTRB(10, 20, 40, 60));
        Assert.Equal(new PixelRect(25, 50, 15, 10), a.Intersect(new PixelRect(25, 50, 100, 100)));
        Assert.Equal(a, a.Intersect(new PixelRect(0, 0, 1000, 1000)));
        // Touching edges do not overlap: the result is empty.
        var touching = a.Intersect(new PixelRect(40, 20, 10, 10));
        Assert.True(touching.Width == 0 || touching.Height == 0);
        var apart = a.Intersect(new PixelRect(500, 500, 10, 10));
        Assert.Equal((0, 0), (apart.Width, apart.Height));
    }

    [Fact]
    public void Extreme_corners_clamp_instead_of_wrapping()
    {
        // A box from int.MinValue to int.MaxValue: its width clamps to int.MaxValue (not -1), so it ends at -1.
        var hostile = PixelRect.FromLTRB(int.MinValue, int.MinValue, int.MaxValue, int.MaxValue);
        Assert.Equal((int.MaxValue, -1), (hostile.Width, hostile.Right));
        Assert.Equal(int.MaxValue, new PixelRect(int.MaxValue - 5, 0, 100, 1).Right);
        var photo = new PixelRect(0, 0, 640, 480);
        Assert.Equal(0, photo.Intersect(hostile).Width); // nothing of the photo, not a wrapped-around rectangle
        Assert.Equal(photo, photo.Intersect(new PixelRect(-5, -5, int.MaxValue, int.MaxValue)));
    }
}
