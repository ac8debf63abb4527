using System.Collections.Concurrent;

namespace FaceClustering.Core.Imaging;

/// <summary>
/// The fast path for JPEGs: libjpeg-turbo with its SIMD kernels (<see cref="LibjpegTurbo"/>) decodes the stored
/// pixels straight into a BGR image, for the files <see cref="SequentialJpegCheck"/> accepts (what cameras and
/// phones write). Same pixels as Skia and libvips (libjpeg-turbo's integer IDCT and fancy upsampling), in about
/// half Skia's time and without libvips' 2 ms a call. Each decode starts (headers and tables read, libjpeg set up)
/// on a thread of this class's own, taken from a pool: should libjpeg raise a fatal error the check did not foresee,
/// that thread stops inside libjpeg's handler (see <see cref="LibjpegTurbo"/>), the caller gets
/// <see cref="Result.Declined"/> and decodes the photo another way, and the pool makes a new thread. The rows are
/// then read on the caller's thread.
/// </summary>
public static class LibjpegJpegDecoder
{
    /// <summary>What <see cref="TryDecodeInto"/> came to.</summary>
    public enum Result
    {
        /// <summary>Decoded cleanly: the image holds the photo.</summary>
        Decoded,

        /// <summary>Not taken (not a plain sequential JPEG, or no libjpeg-turbo here): let another decoder try.</summary>
        Declined,

        /// <summary>libjpeg warned (corrupt or truncated data): the pixels are undefined; a decoder that reports
        /// what it found should have the last word.</summary>
        Damaged,
    }

    private static readonly ConcurrentBag<Worker> Idle = [];
    private static int _fatalErrors;
    private static string? _lastFatalError;

    /// <summary>Fatal errors libjpeg raised despite the check (each cost one parked thread); 0 is the design.</summary>
    public static int FatalErrors => Volatile.Read(ref _fatalErrors);

    /// <summary>libjpeg's message for the last of <see cref="FatalErrors"/>, or null.</summary>
    public static string? LastFatalError => Volatile.Read(ref _lastFatalError);

    /// <summary>
    /// Decodes <paramref name="bytes"/>, a JPEG of the size of <paramref name="stored"/> in its stored orientation,
    /// into <paramref name="stored"/> (its pixels undefined unless the result is <see cref="Result.Decoded"/>).
    /// </summary>
    public static Result TryDecodeInto(byte[] bytes, BgrImage stored) => TryDecodeInto(bytes, stored, checkFirst: true);

    /// <summary>With <paramref name="checkFirst"/> false, any file goes to libjpeg (the tests' way to a fatal error).</summary>
    internal static unsafe Result TryDecodeInto(byte[] bytes, BgrImage stored, bool checkFirst)
    {
        if (!LibjpegTurbo.Available || stored.IsEmpty || (checkFirst && !SequentialJpegCheck.Accepts(bytes))) return Result.Declined;
        var worker = Idle.TryTake(out var idle) ? idle : new Worker();
        fixed (byte* data = bytes)
        {
            var outcome = worker.Start(data, bytes.Length, stored.Width, stored.Height, out var decoder);
            if (outcome == LibjpegTurbo.Outcome.Failed) return Result.Declined; // that worker is gone
            Idle.Add(worker);
            if (outcome == LibjpegTurbo.Outcome.Decoded)
                outcome = LibjpegTurbo.ReadRows(decoder, stored.DataPointer, stored.Stride, stored.Height, Record);
            return outcome == LibjpegTurbo.Outcome.Decoded ? Result.Decoded : Result.Damaged;
        }
    }

    /// <summary>Counts a fatal error and keeps its message; the thread that met it then stops (see <see cref="Worker"/>).</summary>
    private static void Record(string message)
    {
        Volatile.Write(ref _lastFatalError, message);
        Interlocked.Increment(ref _fatalErrors);
    }

    /// <summary>
    /// One background thread that starts one decode at a time for whoever holds it: libjpeg's header half
    /// (<see cref="LibjpegTurbo.Start"/>), where its fatal errors are. The rows, where it only warns, are read on the
    /// caller's own thread: handed over whole, the decode ran on the other core and took 0.3 to 0.9 ms longer
    /// (1920x1280, 7 ms; Intel Xeon, 2 cores).
    /// </summary>
    private sealed unsafe class Worker
    {
        private readonly SemaphoreSlim _start = new(0);
        private readonly SemaphoreSlim _done = new(0);
        private byte* _data;
        private long _length;
        private int _width, _height;
        private nint _decoder;
        private LibjpegTurbo.Outcome _outcome;
        private readonly Action<string> _onFatal; // made once, not per photo

        public Worker()
        {
            _onFatal = OnFatal;
            new Thread(Loop) { IsBackground = true, Name = "libjpeg-turbo decode" }.Start();
        }

        public LibjpegTurbo.Outcome Start(byte* data, long length, int width, int height, out nint decoder)
        {
            _data = data;
            _length = length;
            (_width, _height) = (width, height);
            _start.Release();
            _done.Wait();
            decoder = _decoder;
            return _outcome;
        }

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                _outcome = LibjpegTurbo.Start(_data, _length, _width, _height, _onFatal, out _decoder);
                _done.Release();
            }
        }

        private void OnFatal(string message)
        {
            Record(message);
            _outcome = LibjpegTurbo.Outcome.Failed;
            _done.Release();
        }
    }
}
