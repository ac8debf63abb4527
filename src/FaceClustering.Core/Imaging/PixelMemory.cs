using System.Runtime.InteropServices;

namespace FaceClustering.Core.Imaging;

/// <summary>
/// Native memory for images, with the blocks of large photos kept for the next ones. glibc maps every block over
/// its mapping threshold (32 MB at most, so a 12-MP photo's 36 MB always) afresh and unmaps it when freed: each
/// such photo then lands on about 8,800 new pages, and a first touch costs about 5-12 us a page on these virtual
/// machines, 45 ms or more a photo, as long as its decode. Kept here: blocks of <see cref="KeptFrom"/> and more,
/// up to <see cref="KeptAtMost"/> in all; smaller blocks are glibc's to reuse (see Encode/NativeHeap).
/// </summary>
internal sealed unsafe class PixelMemory : IDisposable
{
    /// <summary>The pool every image rents from unless given its own (tests give their own, so that no other
    /// test's images take the blocks they watch).</summary>
    public static PixelMemory Shared { get; } = new();

    /// <summary>Blocks this large and larger are kept when freed (a 5-MP photo's pixels).</summary>
    public const long KeptFrom = 16L << 20;

    /// <summary>Total kept: two or three 12-MP photos in flight per worker pair; a 100-MP photo's block is not kept.</summary>
    public const long KeptAtMost = 192L << 20;

    private readonly List<(nint Block, long Size)> _kept = [];
    private long _keptBytes;

    /// <summary>A block of at least <paramref name="size"/> bytes; its true size, to give back, in <paramref name="capacity"/>.</summary>
    public byte* Rent(long size, bool zeroed, out long capacity)
    {
        size = Math.Max(1, size);
        if (size >= KeptFrom)
        {
            lock (_kept)
            {
                // The smallest kept block that holds the image, if it wastes under a third of itself.
                var best = -1;
                for (var i = 0; i < _kept.Count; i++)
                    if (_kept[i].Size >= size && _kept[i].Size * 2 <= size * 3 && (best < 0 || _kept[i].Size < _kept[best].Size))
                        best = i;
                if (best >= 0)
                {
                    var (block, kept) = _kept[best];
                    _kept.RemoveAt(best);
                    _keptBytes -= kept;
                    capacity = kept;
                    if (zeroed) NativeMemory.Clear((void*)block, (nuint)size);
                    return (byte*)block;
                }
            }
        }
        capacity = size;
        return (byte*)(zeroed ? NativeMemory.AllocZeroed((nuint)size) : NativeMemory.Alloc((nuint)size));
    }

    /// <summary>Takes back a block from <see cref="Rent"/>: kept for the next image, or freed.</summary>
    public void Return(byte* block, long capacity)
    {
        if (capacity >= KeptFrom && capacity <= KeptAtMost)
        {
            lock (_kept)
            {
                // Room is made by freeing the oldest kept blocks: a library's photos change size as it goes on.
                while (_kept.Count > 0 && _keptBytes + capacity > KeptAtMost)
                {
                    NativeMemory.Free((void*)_kept[0].Block);
                    _keptBytes -= _kept[0].Size;
                    _kept.RemoveAt(0);
                }
                _kept.Add(((nint)block, capacity));
                _keptBytes += capacity;
                return;
            }
        }
        NativeMemory.Free(block);
    }

    /// <summary>Bytes kept for reuse now (for the tests).</summary>
    internal long KeptBytes
    {
        get
        {
            lock (_kept) return _keptBytes;
        }
    }

    /// <summary>Frees the kept blocks (a pool of its own, when done with; the shared one lives as long as the process).</summary>
    public void Dispose()
    {
        lock (_kept)
        {
            foreach (var (block, _) in _kept) NativeMemory.Free((void*)block);
            _kept.Clear();
            _keptBytes = 0;
        }
    }
}
