namespace FaceClustering.Core.Imaging;

/// <summary>A rectangle of whole pixels: columns X to Right - 1, rows Y to Bottom - 1.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    // In 64 bits and clamped, so that a box read from a hostile file (int.MinValue corners) cannot wrap around.
    public int Right => Clamp((long)X + Width);
    public int Bottom => Clamp((long)Y + Height);

    public static PixelRect FromLTRB(int left, int top, int right, int bottom) =>
        new(left, top, Clamp((long)right - left), Clamp((long)bottom - top));

    /// <summary>The overlap of two rectangles; empty (zero width or height) when they do not meet.</summary>
    public PixelRect Intersect(PixelRect other)
    {
        var left = Math.Max(X, other.X);
        var top = Math.Max(Y, other.Y);
        var right = Math.Min(Right, other.Right);
        var bottom = Math.Min(Bottom, other.Bottom);
        return right <= left || bottom <= top ? new PixelRect(left, top, 0, 0) : FromLTRB(left, top, right, bottom);
    }

    private static int Clamp(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
}
