using FaceClustering.Core.Encodings;
using FaceClustering.Core.Imaging;

namespace FaceClustering.Core.Export;

/// <summary>
/// A grid of face tiles (5x5 of 96x96 by default, as the original script's montages), filled row by row on a
/// black canvas. Which faces go in is the caller's choice; see <see cref="ChooseFaces"/>.
/// </summary>
public sealed class MontageBuilder(int tileSize = 96, int columns = 5, int rows = 5)
{
    public int Capacity => columns * rows;
    public int Width => tileSize * columns;
    public int Height => tileSize * rows;

    /// <summary>
    /// Up to <see cref="Capacity"/> of <paramref name="faces"/>, drawn with a seeded shuffle so that the same
    /// input always gives the same montage.
    /// </summary>
    public IReadOnlyList<int> ChooseFaces(IReadOnlyList<int> faces, int seed)
    {
        var order = faces.ToArray();
        var random = new Random(seed); // seeded System.Random is stable across runs and platforms
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order.Length <= Capacity ? order : order[..Capacity];
    }

    /// <summary>Builds the montage; faces whose photo cannot be read or whose box lies outside it are left out.</summary>
    public BgrImage Build(IEnumerable<(string Photo, FaceBox Box)> faces)
    {
        var canvas = new BgrImage(Width, Height);
        var tile = 0;
        string? cachedPath = null;
        BgrImage? cached = null;
        try
        {
            foreach (var (photo, box) in faces)
            {
                if (tile == Capacity) break;
                if (photo != cachedPath)
                {
                    cached?.Dispose();
                    cached = PhotoReader.TryRead(photo);
                    cachedPath = photo;
                }
                if (cached is null) continue;

                var rect = PixelRect.FromLTRB(box.Left, box.Top, box.Right, box.Bottom)
                    .Intersect(new PixelRect(0, 0, cached.Width, cached.Height));
                if (rect.Width <= 0 || rect.Height <= 0) continue;

                using var face = cached.View(rect);
                using var target = canvas.View(new PixelRect(tile % columns * tileSize, tile / columns * tileSize, tileSize, tileSize));
                ImageResizer.Resize(face, target);
                tile++;
            }
        }
        finally
        {
            cached?.Dispose();
        }
        return canvas;
    }
}
