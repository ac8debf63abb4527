using FaceClustering.Core.Imaging;

namespace FaceClustering.Tests.Imaging;

[CollectionDefinition(nameof(PixelMemoryTests), DisableParallelization = true)]
public class PixelMemoryCollection;

/// <summary>
/// Large photos' blocks are kept for the next photos, within a total, and a kept block handed out again holds what
/// was asked (zeros where zeroed). Run alone: other tests' images would take the kept blocks.
/// </summary>
[Collection(nameof(PixelMemoryTests))]
public unsafe class PixelMemoryTests
{
    [Fact]
    public void A_freed_large_block_serves_the_next_image_of_about_its_size()
    {
        var size = 2 * PixelMemory.KeptFrom + 8192;
        var first = PixelMemory.Rent(size, zeroed: false, out var capacity);
        first[size - 1] = 7;
        PixelMemory.Return(first, capacity);
        // One much smaller (under two thirds of the block) gets memory of its own.
        var small = PixelMemory.Rent(PixelMemory.KeptFrom + 4096, zeroed: false, out var smallCapacity);
        Assert.True(small != first, "a block 2x too large was handed out");
        PixelMemory.Return(small, smallCapacity);
        // A slightly smaller photo gets the same block, zeroed when asked.
        var second = PixelMemory.Rent(size - 8192, zeroed: true, out var secondCapacity);
        Assert.True(first == second, "the kept block was not handed out again");
        Assert.Equal(capacity, secondCapacity);
        Assert.Equal(0, second[size - 8192 - 1]);
        PixelMemory.Return(second, secondCapacity);
    }

    [Fact]
    public void What_is_kept_stays_within_the_total_and_small_blocks_are_not_kept()
    {
        var blocks = new List<(nint Block, long Capacity)>();
        for (var k = 0; k < 20; k++)
        {
            var block = PixelMemory.Rent(PixelMemory.KeptFrom + k * 65536, zeroed: false, out var capacity);
            blocks.Add(((nint)block, capacity));
        }
        foreach (var (block, capacity) in blocks) PixelMemory.Return((byte*)block, capacity);
        Assert.InRange(PixelMemory.KeptBytes, PixelMemory.KeptAtMost / 2, PixelMemory.KeptAtMost);

        var before = PixelMemory.KeptBytes;
        var little = PixelMemory.Rent(1 << 20, zeroed: false, out var littleCapacity);
        PixelMemory.Return(little, littleCapacity);
        Assert.Equal(before, PixelMemory.KeptBytes);

        // A block over the total is freed, not kept (a 100-MP photo's 300 MB).
        var huge = PixelMemory.Rent(PixelMemory.KeptAtMost + 1, zeroed: false, out var hugeCapacity);
        PixelMemory.Return(huge, hugeCapacity);
        Assert.Equal(before, PixelMemory.KeptBytes);
    }

    [Fact]
    public void An_image_disposed_gives_its_block_to_the_next_image_of_its_size()
    {
        var image = new BgrImage(4000, 3000, zeroed: false);
        var pixels = image.DataPointer;
        image.Dispose();
        using var next = new BgrImage(4000, 3000);
        Assert.True(next.DataPointer == pixels, "a 12-MP photo's block was not reused");
        Assert.Equal(((byte)0, (byte)0, (byte)0), next[2999, 3999]); // zeroed as asked
    }
}
