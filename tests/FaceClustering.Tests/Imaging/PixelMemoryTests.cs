namespace FaceClustering.Tests.Imaging;

/// <summary>
/// Large photos' blocks are kept for the next photos, within a total, and a kept block handed out again holds what
/// was asked (zeros where zeroed). Each test has a pool of its own: blocks kept in the shared pool can be taken by
/// any image of the process (a finalized image of another test, a worker still running), as they should be.
/// </summary>
public sealed unsafe class PixelMemoryTests : IDisposable
{
    private readonly PixelMemory _memory = new();

    public void Dispose() => _memory.Dispose();

    [Fact]
    public void A_freed_large_block_serves_the_next_image_of_about_its_size()
    {
        var size = 2 * PixelMemory.KeptFrom + 8192;
        var first = _memory.Rent(size, zeroed: false, out var capacity);
        first[size - 1] = 7;
        _memory.Return(first, capacity);
        // One much smaller (under two thirds of the block) gets memory of its own.
        var small = _memory.Rent(PixelMemory.KeptFrom + 4096, zeroed: false, out var smallCapacity);
        Assert.True(small != first, "a block 2x too large was handed out");
        _memory.Return(small, smallCapacity);
        // A slightly smaller photo gets the same block, zeroed when asked.
        var second = _memory.Rent(size - 8192, zeroed: true, out var secondCapacity);
        Assert.True(first == second, "the kept block was not handed out again");
        Assert.Equal(capacity, secondCapacity);
        Assert.Equal(0, second[size - 8192 - 1]);
        _memory.Return(second, secondCapacity);
    }

    [Fact]
    public void What_is_kept_stays_within_the_total_and_small_blocks_are_not_kept()
    {
        var blocks = new List<(nint Block, long Capacity)>();
        for (var k = 0; k < 20; k++)
        {
            var block = _memory.Rent(PixelMemory.KeptFrom + k * 65536, zeroed: false, out var capacity);
            blocks.Add(((nint)block, capacity));
        }
        foreach (var (block, capacity) in blocks) _memory.Return((byte*)block, capacity);
        Assert.InRange(_memory.KeptBytes, PixelMemory.KeptAtMost / 2, PixelMemory.KeptAtMost);

        var before = _memory.KeptBytes;
        var little = _memory.Rent(1 << 20, zeroed: false, out var littleCapacity);
        _memory.Return(little, littleCapacity);
        Assert.Equal(before, _memory.KeptBytes);

        // A block over the total is freed, not kept (a 100-MP photo's 300 MB).
        var huge = _memory.Rent(PixelMemory.KeptAtMost + 1, zeroed: false, out var hugeCapacity);
        _memory.Return(huge, hugeCapacity);
        Assert.Equal(before, _memory.KeptBytes);
    }

    [Fact]
    public void An_image_disposed_gives_its_block_to_the_next_image_of_its_size()
    {
        var image = new BgrImage(4000, 3000, zeroed: false, _memory);
        var pixels = image.DataPointer;
        image.Dispose();
        using var next = new BgrImage(4000, 3000, zeroed: true, _memory);
        Assert.True(next.DataPointer == pixels, "a 12-MP photo's block was not reused");
        Assert.Equal(((byte)0, (byte)0, (byte)0), next[2999, 3999]); // zeroed as asked
    }
}
