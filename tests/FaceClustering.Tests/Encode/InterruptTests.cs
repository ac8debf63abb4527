using System.Diagnostics;

namespace FaceClustering.Tests.Encode;

/// <summary>Ctrl+C (SIGINT) on the real executable mid-run: exit 130, previous file kept, journal left for --update.</summary>
[Collection(nameof(ModelsCollection))]
public class InterruptTests(ModelsFixture models) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Sigint_stops_encode_cleanly_and_update_continues()
    {
        models.SkipIfMissing();
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGINT is sent with kill(1), which Windows lacks");
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");

        using var process = Executable.Start("encode.dll", _temp.Path, "-i", Path.Combine(dev!, "images"), "-e", "e.msgpack",
            "--models", models.Store.Folder, "-j", "2");
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);

        // Wait until some photos are in the journal, then press Ctrl+C.
        var journal = _temp.Combine("e.msgpack.journal");
        var waited = Stopwatch.StartNew();
        while (!(File.Exists(journal) && new FileInfo(journal).Length > 3000) && !process.HasExited && waited.Elapsed.TotalSeconds < 120)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(process.HasExited, "encode finished before it could be interrupted");
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) kill.WaitForExit();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token); // throws if encode does not stop after SIGINT

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("interrupted; 'e.msgpack' is as it was; run again with --update", await stderr);
        Assert.False(File.Exists(_temp.Combine("e.msgpack")));
        Assert.True(File.Exists(journal));

        var update = Executable.Run("encode.dll", _temp.Path, "-i", Path.Combine(dev!, "images"), "-e", "e.msgpack",
            "--models", models.Store.Folder, "--update", "-q");
        Assert.Equal(0, update.ExitCode);
        Assert.Contains("continuing an interrupted run", update.Stderr);
        Assert.StartsWith("76 images, ", update.Stdout);
        Assert.False(File.Exists(journal));
        await stdout;
    }
}
