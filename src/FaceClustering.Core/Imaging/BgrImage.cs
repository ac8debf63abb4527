namespace FaceClustering.Core.Imaging;

/// <summary>
/// An 8-bit BGR image: rows of <see cref="Width"/> pixels, 3 bytes each (blue, green, red), <see cref="Stride"/>
/// bytes apart, in native memory freed on <see cref="Dispose"/> (photos are tens of megabytes: the garbage
/// collector should not decide when they go). A <see cref="View"/> shares its parent's pixels and frees nothing.
/// </summary>
public sealed unsafe class BgrImage : IDisposable
{
    private byte* _pixels;
    private readonly long _capacity; // of the block rented from _memory
    private readonly PixelMemory? _memory; // where the pixels go back when freed; null for a view, which owns none
    private readonly BgrImage? _parent; // keeps the pixels of a view alive

    public int Width { get; }
    public int Height { get; }

    /// <summary>Bytes from the start of one row to the start of the next.</summary>
    public int Stride { get; }

    /// <summary>A new image of the given size, every pixel black (or, with <paramref name="zeroed"/> false, whatever
    /// the memory held: for images about to be overwritten whole).</summary>
    public BgrImage(int width, int height, bool zeroed = true) : this(width, height, zeroed, PixelMemory.Shared)
    {
    }

    /// <summary>A new image whose pixels come from, and go back to, <paramref name="memory"/>.</summary>
    internal BgrImage(int width, int height, bool zeroed, PixelMemory memory)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        Width = width;
        Height = height;
        Stride = checked(width * 3);
        _memory = memory;
        _pixels = memory.Rent((long)Stride * height, zeroed, out _capacity);
    }

    private BgrImage(BgrImage parent, byte* pixels, int width, int height)
    {
        _parent = parent;
        _pixels = pixels;
        Width = width;
        Height = height;
        Stride = parent.Stride;
    }

    ~BgrImage() => Free();

    public bool IsEmpty => Width == 0 || Height == 0;

    /// <summary>The first pixel's blue byte.</summary>
    public byte* DataPointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pixels is null, this);
            return _pixels;
        }
    }

    /// <summary>One row's pixels, 3 bytes each.</summary>
    public Span<byte> Row(int y)
    {
        if ((uint)y >= (uint)Height) throw new ArgumentOutOfRangeException(nameof(y), y, $"the image has {Height} rows");
        return new Span<byte>(DataPointer + (long)y * Stride, Width * 3);
    }

    /// <summary>The pixel at (x, y) as (blue, green, red).</summary>
    public (byte B, byte G, byte R) this[int y, int x]
    {
        get
        {
            if ((uint)x >= (uint)Width) throw new ArgumentOutOfRangeException(nameof(x), x, $"the image has {Width} columns");
            var row = Row(y);
            return (row[3 * x], row[3 * x + 1], row[3 * x + 2]);
        }
        set
        {
            if ((uint)x >= (uint)Width) throw new ArgumentOutOfRangeException(nameof(x), x, $"the image has {Width} columns");
            var row = Row(y);
            (row[3 * x], row[3 * x + 1], row[3 * x + 2]) = value;
        }
    }

    /// <summary>The part of this image inside <paramref name="area"/>, sharing its pixels.</summary>
    public BgrImage View(PixelRect area)
    {
        if (area.X < 0 || area.Y < 0 || area.Width < 0 || area.Height < 0 || area.Right > Width || area.Bottom > Height)
            throw new ArgumentOutOfRangeException(nameof(area), area, $"not inside a {Width}x{Height} image");
        return new BgrImage(this, DataPointer + (long)area.Y * Stride + area.X * 3, area.Width, area.Height);
    }

    /// <summary>Every pixel set to one colour.</summary>
    public void Fill(byte blue, byte green, byte red)
    {
        for (var y = 0; y < Height; y++)
        {
            var row = Row(y);
            for (var x = 0; x < row.Length; x += 3) (row[x], row[x + 1], row[x + 2]) = (blue, green, red);
        }
    }

    /// <summary>A copy with pixels of its own.</summary>
    public BgrImage Clone()
    {
        var copy = new BgrImage(Width, Height, zeroed: false);
        for (var y = 0; y < Height; y++) Row(y).CopyTo(copy.Row(y));
        return copy;
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_memory is not null && _pixels is not null) _memory.Return(_pixels, _capacity);
        _pixels = null;
    }
}
