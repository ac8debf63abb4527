namespace FaceClustering.Core.IO;

/// <summary>
/// One writer at a time per output (an encodings file, a results folder, a people file): an exclusive lock on a
/// hidden file beside it, held for the whole run. It is the operating system's advisory lock (flock on Linux and
/// macOS, a sharing lock on Windows), so it goes with the process however that ends: a crash or a kill leaves no
/// stale lock. The lock file itself stays, empty, as lock files of apt or dpkg do.
/// </summary>
public sealed class WriterLock : IDisposable
{
    private readonly FileStream _stream;

    private WriterLock(FileStream stream) => _stream = stream;

    /// <summary>The lock file of <paramref name="output"/>: <c>.NAME.lock</c> beside it.</summary>
    public static string PathFor(string output)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.lock");
    }

    /// <summary>
    /// Takes the lock of <paramref name="output"/>, or, held by another run, waits for it (<paramref name="wait"/>)
    /// or refuses with one line naming <paramref name="what"/>.
    /// </summary>
    public static WriterLock Acquire(string output, string what, bool wait, Action<string>? log = null, CancellationToken cancel = default)
    {
        var path = PathFor(output);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var said = false;
        while (true)
        {
            try
            {
                return new WriterLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!wait)
                    throw new InputException(
                        $"{what} '{output}' is being written by another run (it holds '{path}'); let it finish, ",
                        $"or pass {Setting.Wait} to wait for it");
                if (!said) log?.Invoke($"waiting for another run that is writing {what} '{output}'");
                said = true;
                Task.Delay(250, cancel).Wait(cancel);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
