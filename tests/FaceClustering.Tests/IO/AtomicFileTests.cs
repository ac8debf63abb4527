using FaceClustering.Core.IO;

namespace FaceClustering.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_write_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        var path = _temp.Combine("sub", "out.txt");
        AtomicFile.WriteAllBytes(path, "first"u8);
        AtomicFile.Write(path, stream => stream.Write("second"u8));
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_temp.Combine("sub")));
    }

    [Fact]
    public void A_write_that_fails_or_is_not_committed_leaves_the_previous_file_as_it_was()
    {
        var path = _temp.Combine("out.txt");
        File.WriteAllText(path, "previous");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half"u8);
            throw new InvalidOperationException("disk full, say");
        }));
        using (var pending = AtomicFile.Begin(path))
        {
            pending.Stream.Write("never committed"u8);
            Assert.Equal("previous", File.ReadAllText(path)); // nothing shows before the commit
        }
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_temp.Path));
    }
}
