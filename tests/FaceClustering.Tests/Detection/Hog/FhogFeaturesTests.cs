using FaceClustering.Core.Detection.Hog;

namespace FaceClustering.Tests.Detection.Hog;

/// <summary>
/// FHOG's 31 planes: sized by cells (rounded) less a border, padded with zeros for the filter; nothing for a flat
/// image; edges vote for the orientation across them.
/// </summary>
public class FhogFeaturesTests
{
    [Fact]
    public void Planes_are_sized_by_cells_and_padded_for_the_filter()
    {
        using var image = TestImages.Noise(84, 60, seed: 1); // 10.5 -> 11 cells across, 7.5 -> 8 down
        using var planes = RgbPlanes.FromBgr(image);
        using var features = FhogFeatures.Extract(planes, 8, 10, 10);
        Assert.Equal((8 - 2 + 9, 11 - 2 + 9), (features.Rows, features.Columns));
        // The padding (4 rows and columns before, 5 after) is zero; the cells inside are not.
        for (var p = 0; p < FhogFeatures.PlaneCount; p++)
        {
            var plane = features.Plane(p);
            for (var c = 0; c < features.Columns; c++) Assert.Equal(0f, plane[c]);
            for (var r = 0; r < features.Rows; r++) Assert.Equal(0f, plane[r * features.Columns + features.Columns - 1]);
        }
        Assert.Contains(features.Plane(27).ToArray(), v => v > 0);
        using var tiny = FhogFeatures.Extract(planes, 32, 10, 10); // under 3 cells down
        Assert.Equal((0, 0), (tiny.Rows, tiny.Columns));
    }

    [Fact]
    public void A_flat_image_has_no_features()
    {
        using var image = TestImages.Solid(64, 64, 90);
        using var planes = RgbPlanes.FromBgr(image);
        using var features = FhogFeatures.Extract(planes, 8, 10, 10);
        Assert.All(features.Data.AsSpan(0, FhogFeatures.PlaneCount * features.PlaneSize).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Vertical_edges_vote_for_horizontal_gradients_and_horizontal_edges_for_vertical_ones()
    {
        double Insensitive(bool vertical, int bin)
        {
            using var image = new BgrImage(96, 96);
            for (var y = 0; y < 96; y++)
            for (var x = 0; x < 96; x++)
            {
                var v = ((vertical ? x : y) / 4 % 2) * 200;
                image[y, x] = ((byte)v, (byte)v, (byte)v);
            }
            using var planes = RgbPlanes.FromBgr(image);
            using var features = FhogFeatures.Extract(planes, 8, 1, 1);
            return features.Plane(18 + bin).ToArray().Sum(); // planes 18-26: contrast-insensitive, bin 0 = 0 degrees
        }
        Assert.True(Insensitive(vertical: true, bin: 0) > 5 * Insensitive(vertical: true, bin: 4));
        Assert.True(Insensitive(vertical: false, bin: 4) + Insensitive(vertical: false, bin: 5) > 5 * Insensitive(vertical: false, bin: 0));
    }
}
