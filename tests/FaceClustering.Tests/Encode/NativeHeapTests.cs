using System.Runtime.InteropServices;
using FaceClustering.Core.Encode;

namespace FaceClustering.Tests.Encode;

/// <summary>
/// With glibc, once the heap keeps large blocks, a photo-sized block (20 MB) comes from the heap, where a freed one
/// serves the next photo, instead of a fresh mapping; blocks over glibc's 32 MB ceiling are still mapped.
/// </summary>
public class NativeHeapTests
{
    /// <summary>glibc marks a chunk it mapped on its own by bit 1 of the size word just before the block.</summary>
    private static unsafe bool Mapped(void* block) => (((ulong*)block)[-1] & 2) != 0;

    [Fact]
    public unsafe void Photo_sized_blocks_come_from_the_heap()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && NativeLibrary.TryGetExport(NativeLibrary.Load("libc.so.6"), "gnu_get_libc_version", out _),
            "the heap policy is glibc's: this system has another C library");
        NativeHeap.KeepLargeBlocks();
        NativeHeap.KeepLargeBlocks(); // once per process; a second call changes nothing
        var photo = NativeMemory.Alloc(20 << 20);
        var huge = NativeMemory.Alloc(40 << 20);
        try
        {
            Assert.False(Mapped(photo), "a 20 MB block was mapped afresh");
            Assert.True(Mapped(huge), "a 40 MB block should be over glibc's ceiling and mapped");
        }
        finally
        {
            NativeMemory.Free(photo);
            NativeMemory.Free(huge);
        }
    }
}
