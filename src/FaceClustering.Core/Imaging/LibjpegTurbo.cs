using System.Runtime.InteropServices;

namespace FaceClustering.Core.Imaging;

/// <summary>
/// libjpeg-turbo's own decompression API (version 62), as the Linux build of Magick.Native (Magick.NET's native
/// library, already shipped for HEIC and TIFF) exports it: libjpeg-turbo 3.2 with its SIMD kernels, the decoder
/// OpenCV used, called without libvips' or Skia's layers around it. The Windows build exports none of it, and then
/// <see cref="Available"/> is false.
/// <para>
/// libjpeg stops on a fatal error by calling <c>error_exit</c>, which must not return and which managed code cannot
/// unwind (no longjmp over managed frames). So only files that <see cref="SequentialJpegCheck"/> accepts come here,
/// for which no fatal error is left, and should one come anyway, the thread stops for good inside the handler, after
/// telling its caller. The header half (<see cref="Start"/>), where libjpeg's fatal errors about a file are, runs on
/// threads of <see cref="LibjpegJpegDecoder"/>'s own, so that such a photo costs a thread and is decoded another way;
/// the rows (<see cref="ReadRows"/>), where libjpeg only warns about data, run on the caller's.
/// </para>
/// </summary>
internal static unsafe class LibjpegTurbo
{
    /// <summary>sizeof(struct jpeg_decompress_struct) and sizeof(struct jpeg_error_mgr) for JPEG_LIB_VERSION 62 on
    /// 64-bit Linux (checked against jpeglib.h with offsetof); jpeg_CreateDecompress refuses another size.</summary>
    private const int DecompressSize = 632, ErrorManagerSize = 168, LibVersion = 62;

    // Field offsets in jpeg_decompress_struct.
    private const int ErrOffset = 0, ImageWidth = 48, ImageHeight = 52, NumComponents = 56, OutColorSpace = 64,
        OutputWidth = 136, OutputHeight = 140, OutputComponents = 148, OutputScanline = 168;

    // Field offsets in jpeg_error_mgr.
    private const int ErrorExitOffset = 0, OutputMessageOffset = 16, FormatMessageOffset = 24, NumWarnings = 128;

    private const int JcsExtBgr = 8, HeaderOk = 1, RowsAtATime = 16;

    private static readonly Lazy<Api?> Functions = new(Load);

    /// <summary>True where the library loaded and exports every function used here (Linux x64).</summary>
    public static bool Available => Functions.Value is not null;

    /// <summary>What a decode's half came to.</summary>
    public enum Outcome
    {
        /// <summary>Every row decoded, without a warning.</summary>
        Decoded,

        /// <summary>libjpeg warned (corrupt or truncated data, a size other than expected): the pixels are not to be used.</summary>
        Warned,

        /// <summary>libjpeg raised a fatal error; the calling thread is about to stop for good (see the class).</summary>
        Failed,
    }

    /// <summary>Called on the decoding thread, with libjpeg's message, just before that thread stops for good.</summary>
    [ThreadStatic] private static Action<string>? _onFatal;

    /// <summary>
    /// The header half: reads the markers, checks the size, and sets libjpeg up for BGR rows: every fatal error
    /// libjpeg has for a file's headers and tables is raised here, if at all. <see cref="Outcome.Decoded"/> with the
    /// decoder for <see cref="ReadRows"/>, which ends it; otherwise nothing is left to end. On a fatal error,
    /// <paramref name="onFatal"/> is called and this method never returns.
    /// </summary>
    public static Outcome Start(byte* data, long length, int width, int height, Action<string> onFatal, out nint decoder)
    {
        var api = Functions.Value ?? throw new InvalidOperationException("libjpeg-turbo is not available");
        var cinfo = (byte*)NativeMemory.AllocZeroed(DecompressSize + ErrorManagerSize);
        var err = cinfo + DecompressSize;
        decoder = 0;
        _onFatal = onFatal;
        try
        {
            *(byte**)(cinfo + ErrOffset) = api.StdError(err);
            *(nint*)(err + ErrorExitOffset) = (nint)(delegate* unmanaged<byte*, void>)&ErrorExit;
            *(nint*)(err + OutputMessageOffset) = (nint)(delegate* unmanaged<byte*, void>)&Silent;
            api.CreateDecompress(cinfo, LibVersion, DecompressSize);
            api.MemSrc(cinfo, data, (nuint)length);
            var ready = api.ReadHeader(cinfo, 1) == HeaderOk && *(uint*)(cinfo + ImageWidth) == width
                        && *(uint*)(cinfo + ImageHeight) == height && *(int*)(cinfo + NumComponents) is 1 or 3;
            if (ready)
            {
                *(int*)(cinfo + OutColorSpace) = JcsExtBgr; // gray and YCbCr alike come out as BGR
                api.StartDecompress(cinfo);
                ready = *(uint*)(cinfo + OutputWidth) == width && *(uint*)(cinfo + OutputHeight) == height
                        && *(int*)(cinfo + OutputComponents) == 3;
            }
            if (ready)
            {
                decoder = (nint)cinfo;
                return Outcome.Decoded;
            }
            End(api, cinfo);
            return Outcome.Warned;
        }
        finally
        {
            _onFatal = null;
        }
    }

    /// <summary>
    /// The rows half of a <see cref="Start"/>ed decode, on any thread, then the decoder ended. Only entropy data and
    /// restart markers are read here, on which libjpeg only ever warns (see SequentialJpegCheck).
    /// </summary>
    public static Outcome ReadRows(nint decoder, byte* pixels, long stride, int height, Action<string> onFatal)
    {
        var api = Functions.Value!;
        var cinfo = (byte*)decoder;
        _onFatal = onFatal;
        try
        {
            var rows = stackalloc byte*[RowsAtATime];
            while (*(uint*)(cinfo + OutputScanline) < height)
            {
                var y = *(uint*)(cinfo + OutputScanline);
                var count = (uint)Math.Min(RowsAtATime, height - y);
                for (var r = 0; r < count; r++) rows[r] = pixels + (y + r) * stride;
                if (api.ReadScanlines(cinfo, rows, count) == 0) return Outcome.Warned;
            }
            // Ended without jpeg_finish_decompress: the markers after the scan are never read (see SequentialJpegCheck).
            return *(long*)(cinfo + DecompressSize + NumWarnings) == 0 ? Outcome.Decoded : Outcome.Warned;
        }
        finally
        {
            _onFatal = null;
            End(api, cinfo);
        }
    }

    private static void End(Api api, byte* cinfo)
    {
        api.DestroyDecompress(cinfo);
        NativeMemory.Free(cinfo);
    }

    [UnmanagedCallersOnly]
    private static void ErrorExit(byte* cinfo)
    {
        var err = *(byte**)(cinfo + ErrOffset);
        var text = stackalloc byte[200]; // JMSG_LENGTH_MAX
        ((delegate* unmanaged<byte*, byte*, void>)*(nint*)(err + FormatMessageOffset))(cinfo, text);
        _onFatal?.Invoke(Marshal.PtrToStringUTF8((nint)text) ?? "fatal error");
        Thread.Sleep(Timeout.Infinite); // must not return into libjpeg, and cannot unwind through it
    }

    /// <summary>Warnings are counted by libjpeg (num_warnings); nothing is printed.</summary>
    [UnmanagedCallersOnly]
    private static void Silent(byte* cinfo)
    {
    }

    private sealed class Api
    {
        public delegate* unmanaged<byte*, byte*> StdError;
        public delegate* unmanaged<byte*, int, nuint, void> CreateDecompress;
        public delegate* unmanaged<byte*, byte*, nuint, void> MemSrc;
        public delegate* unmanaged<byte*, int, int> ReadHeader;
        public delegate* unmanaged<byte*, int> StartDecompress;
        public delegate* unmanaged<byte*, byte**, uint, uint> ReadScanlines;
        public delegate* unmanaged<byte*, void> DestroyDecompress;
    }

    private static Api? Load()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return null;
        try
        {
            if (!NativeLibrary.TryLoad("Magick.Native-Q8-x64.dll", typeof(ImageMagick.MagickImage).Assembly, null, out var library))
                return null;
            nint Export(string name) => NativeLibrary.TryGetExport(library, name, out var address) ? address : 0;
            var names = new[] { "jpeg_std_error", "jpeg_CreateDecompress", "jpeg_mem_src", "jpeg_read_header",
                "jpeg_start_decompress", "jpeg_read_scanlines", "jpeg_destroy_decompress" };
            var addresses = names.Select(Export).ToArray();
            if (addresses.Contains(0)) return null;
            return new Api
            {
                StdError = (delegate* unmanaged<byte*, byte*>)addresses[0],
                CreateDecompress = (delegate* unmanaged<byte*, int, nuint, void>)addresses[1],
                MemSrc = (delegate* unmanaged<byte*, byte*, nuint, void>)addresses[2],
                ReadHeader = (delegate* unmanaged<byte*, int, int>)addresses[3],
                StartDecompress = (delegate* unmanaged<byte*, int>)addresses[4],
                ReadScanlines = (delegate* unmanaged<byte*, byte**, uint, uint>)addresses[5],
                DestroyDecompress = (delegate* unmanaged<byte*, void>)addresses[6],
            };
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or FileNotFoundException)
        {
            return null;
        }
    }
}
