using FaceClustering.Core.Detection.Hog;

namespace FaceClustering.Tests.Detection.Hog;

/// <summary>A BGR photo as red, green and blue planes, each with room for 16-byte loads past its last pixel.</summary>
public class RgbPlanesTests
{
    [Fact]
    public void Each_channel_lands_in_its_own_plane_row_by_row()
    {
        using var image = new BgrImage(5, 3);
        for (var y = 0; y < 3; y++) for (var x = 0; x < 5; x++) image[y, x] = ((byte)(x + 10 * y), (byte)(100 + x), (byte)(200 + y));
        using var planes = RgbPlanes.FromBgr(image);
        Assert.Equal((5, 3), (planes.Width, planes.Height));
        Assert.True(planes.Red.Length >= 15 + RgbPlanes.Tail);
        Assert.Equal((byte)(3 + 20), planes.Blue[2 * 5 + 3]);
        Assert.Equal((byte)103, planes.Green[2 * 5 + 3]);
        Assert.Equal((byte)202, planes.Red[2 * 5 + 3]);
        Assert.Same(planes.Red, planes.Channel(0));
        Assert.Same(planes.Green, planes.Channel(1));
        Assert.Same(planes.Blue, planes.Channel(2));
    }
}
