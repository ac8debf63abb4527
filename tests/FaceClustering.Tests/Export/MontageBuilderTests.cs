using FaceClustering.Core.Export;

namespace FaceClustering.Tests.Export;

/// <summary>
/// A montage: the chosen faces' boxes scaled into tiles row by row on black; the same input always chooses the same
/// faces; an unreadable photo or a box outside it is left out, not an error.
/// </summary>
public class MontageBuilderTests
{
    [Fact]
    public void Faces_fill_tiles_row_by_row_and_what_cannot_be_drawn_is_skipped()
    {
        using var folder = new TempFolder();
        var photo = folder.Combine("p.png");
        using (var image = TestImages.Solid(200, 100, 0, 0, 0))
        {
            TestImages.FillRect(image, new PixelRect(0, 0, 100, 100), 255, 0, 0);   // left half blue
            TestImages.FillRect(image, new PixelRect(100, 0, 100, 100), 0, 0, 255); // right half red
            TestImages.Write(image, photo);
        }
        var montage = new MontageBuilder(tileSize: 20, columns: 2, rows: 2);
        Assert.Equal((4, 40, 40), (montage.Capacity, montage.Width, montage.Height));
        using var canvas = montage.Build(
        [
            (photo, new FaceBox(10, 90, 90, 10)),                  // blue: tile 0
            (folder.Combine("gone.jpg"), new FaceBox(0, 5, 5, 0)), // unreadable: skipped
            (photo, new FaceBox(500, 900, 600, 800)),              // outside the photo: skipped
            (photo, new FaceBox(10, 190, 90, 110)),                // red: tile 1
        ]);
        Assert.Equal((40, 40), (canvas.Width, canvas.Height));
        var (b0, _, r0) = TestImages.Mean(canvas, new PixelRect(0, 0, 20, 20));
        var (b1, _, r1) = TestImages.Mean(canvas, new PixelRect(20, 0, 20, 20));
        var (b2, g2, r2) = TestImages.Mean(canvas, new PixelRect(0, 20, 40, 20));
        Assert.True(b0 > 250 && r0 < 5, $"tile 0 is {b0}/{r0}, not blue");
        Assert.True(r1 > 250 && b1 < 5, $"tile 1 is {b1}/{r1}, not red");
        Assert.Equal((0.0, 0.0, 0.0), (b2, g2, r2)); // the second row stays black
    }

    [Fact]
    public void The_choice_is_seeded_and_capped_at_the_capacity()
    {
        var montage = new MontageBuilder(); // 5 x 5, the original's
        var faces = Enumerable.Range(100, 60).ToArray();
        var chosen = montage.ChooseFaces(faces, seed: 3);
        Assert.Equal(25, chosen.Count);
        Assert.Equal(25, chosen.Distinct().Count());
        Assert.All(chosen, f => Assert.Contains(f, faces));
        Assert.Equal(chosen, montage.ChooseFaces(faces, seed: 3));
        Assert.NotEqual(chosen, montage.ChooseFaces(faces, seed: 4));
        Assert.Equal([1, 2, 3], montage.ChooseFaces([1, 2, 3], seed: 3).Order());
    }
}
