using FaceClustering.Core.IO;

namespace FaceClustering.Tests.IO;

/// <summary>One writer at a time per encodings file, results folder and people file.</summary>
public sealed class WriterLockTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_second_writer_is_refused_with_one_line_or_waits_for_the_first()
    {
        var cancel = TestContext.Current.CancellationToken;
        var output = _temp.Combine("encodings", "e.msgpack");
        var first = WriterLock.Acquire(output, "the encodings file", wait: false, cancel: cancel);
        var refused = Assert.Throws<InputException>(() => WriterLock.Acquire(output, "the encodings file", wait: false, cancel: cancel));
        Assert.Equal($"the encodings file '{output}' is being written by another run (it holds '{WriterLock.PathFor(output)}'); " +
                     "let it finish, or pass --wait to wait for it", refused.Render(FaceClustering.CommandLine.OptionNames.Flag));

        var said = new List<string>();
        var waiting = Task.Run(() => WriterLock.Acquire(output, "the encodings file", wait: true, said.Add, cancel), cancel);
        await Task.Delay(600, cancel);
        Assert.False(waiting.IsCompleted); // still waiting while the first holds it
        first.Dispose();
        using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(30), cancel);
        Assert.Equal([$"waiting for another run that is writing the encodings file '{output}'"], said);
    }

    [Fact]
    public void Encode_and_cluster_refuse_an_output_another_run_is_writing()
    {
        var library = PhotoLibrary.Create(_temp.Combine("lib"), [3, 3]);
        var output = _temp.Combine("out");
        var cancel = TestContext.Current.CancellationToken;
        using (WriterLock.Acquire(output, "the results folder", wait: false, cancel: cancel))
        {
            var cluster = ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output);
            Assert.Equal(2, cluster.ExitCode);
            Assert.StartsWith($"cluster: the results folder '{output}' is being written by another run", cluster.Stderr);
            Assert.False(Directory.Exists(output));
        }
        Assert.Equal(0, ClusterCommand.InProcess("-e", library.EncodingsPath, "-o", output).ExitCode);

        var encodings = _temp.Combine("e.msgpack");
        using (WriterLock.Acquire(encodings, "the encodings file", wait: false, cancel: cancel))
        {
            var encode = EncodeCommand.InProcess("-i", _temp.Combine("lib", "photos"), "-e", encodings);
            Assert.Equal(2, encode.ExitCode);
            Assert.StartsWith($"encode: the encodings file '{encodings}' is being written by another run", encode.Stderr);
            Assert.False(File.Exists(encodings));
        }
    }
}
