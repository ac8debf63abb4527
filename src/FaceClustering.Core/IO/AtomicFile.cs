namespace FaceClustering.Core.IO;

/// <summary>
/// Writes files through a temporary file in the same folder and a rename, so a reader never sees half a file and
/// a failed write leaves the previous file as it was. The one home of that rule: every file the tools write goes
/// through here.
/// </summary>
public static class AtomicFile
{
    /// <summary>A file being written: <see cref="Stream"/> goes to a temporary file that <see cref="Commit"/> renames into place.</summary>
    public sealed class Pending : IDisposable
    {
        private readonly string _path;
        private readonly string _temp;
        private readonly FileStream _stream;
        private bool _done;

        internal Pending(string path, int bufferSize)
        {
            _path = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(_path)!;
            Directory.CreateDirectory(directory);
            _temp = TempBeside(_path);
            _stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize);
        }

        public Stream Stream => _stream;

        /// <summary>Makes the file visible at its path (flushed to disk, then an atomic rename over any previous file).</summary>
        public void Commit()
        {
            ObjectDisposedException.ThrowIf(_done, this);
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            File.Move(_temp, _path, overwrite: true);
            _done = true;
        }

        /// <summary>Without <see cref="Commit"/>: the temporary file is removed and the path left as it was.</summary>
        public void Dispose()
        {
            if (_done) return;
            _stream.Dispose();
            TryDelete(_temp);
            _done = true;
        }
    }

    /// <summary>Starts writing <paramref name="path"/>; nothing shows there until <see cref="Pending.Commit"/>.</summary>
    public static Pending Begin(string path, int bufferSize = 4096) => new(path, bufferSize);

    public static void Write(string path, Action<Stream> write)
    {
        using var file = Begin(path);
        write(file.Stream);
        file.Commit();
    }

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = Begin(path);
        file.Stream.Write(bytes);
        file.Commit();
    }

    /// <summary>Copies a file to <paramref name="destination"/> (which must not exist) through a temporary file.</summary>
    public static void Copy(string source, string destination)
    {
        var temp = TempBeside(Path.GetFullPath(destination));
        try
        {
            File.Copy(source, temp);
            File.Move(temp, destination, overwrite: false);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>A hidden name beside <paramref name="fullPath"/> that no other process or write uses.</summary>
    public static string TempBeside(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
