using NetVips;

namespace FaceClustering.Core.Imaging;

/// <summary>
/// The fast path for large JPEGs that <see cref="LibjpegJpegDecoder"/> declines (progressive ones; every one on
/// Windows, where Magick.Native exports no libjpeg API): libvips (NetVips; mozjpeg, a libjpeg-turbo with its SIMD
/// kernels, inside its own native library) decodes the stored pixels straight into a BGR image. SkiaSharp's
/// libjpeg-turbo is built without SIMD and takes 1.5 to 2 times as long (bench/decode-ab.sh: 12 MP 81-121 ms against 54-63; 1920x1280 24-25
/// against 15). Both give the same pixels (libjpeg-turbo's integer IDCT and fancy upsampling, SIMD or not):
/// checked on the dev and LFW JPEGs.
/// It only ever says "decoded" or "not mine": a photo that is not a clean 3-channel 8-bit JPEG, any warning
/// (corrupt or truncated data), or a libvips that cannot load, and <see cref="SkiaPhotoDecoder"/> decodes the photo
/// as before, with its own reasons for what it cannot read.
/// </summary>
public static class VipsJpegDecoder
{
    /// <summary>
    /// Photos of fewer pixels go to Skia: libvips costs about 2 ms a call more (its operation graph and its worker
    /// thread), which a small photo's decode does not repay (500x400: 3.8 ms against Skia's 1.8; 800x600 even;
    /// 1024x768: 6.6 against 10.2, measured with bench/decode-ab.sh's program, Intel Xeon, 2026-12-02).
    /// </summary>
    public const long MinPixels = 1_000_000;

    private static readonly Lazy<bool> Loaded = new(Load);

    /// <summary>True when libvips loaded and is set up: one thread per decode, no operation cache, its log silenced.</summary>
    public static bool Available => Loaded.Value;

    /// <summary>
    /// Decodes <paramref name="bytes"/>, a JPEG of the size of <paramref name="stored"/> in its stored orientation,
    /// into <paramref name="stored"/>. False, with <paramref name="stored"/>'s pixels undefined, when this decoder
    /// does not take the photo.
    /// </summary>
    public static unsafe bool TryDecodeInto(byte[] bytes, BgrImage stored)
    {
        if (!Available || stored.Stride != stored.Width * 3) return false;
        try
        {
            // Sequential: rows decoded in strips and written straight on; fail on any warning, so that only files
            // libjpeg reads without complaint come this way and Skia keeps the last word on the rest.
            using var jpeg = Image.JpegloadBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Warning);
            if (jpeg.Width != stored.Width || jpeg.Height != stored.Height || jpeg.Bands != 3
                || jpeg.Format != Enums.BandFormat.Uchar || jpeg.Interpretation != Enums.Interpretation.Srgb)
                return false;
            using var target = Image.NewFromMemory((nint)stored.DataPointer, (ulong)stored.Stride * (ulong)stored.Height,
                stored.Width, stored.Height, 3, Enums.BandFormat.Uchar);
            jpeg.Write(target);
            // RGB to BGR here: libvips' own band reordering (three extracts and a join) took as long as the decode.
            PixelFormats.SwapRedBlue(stored.DataPointer, (long)stored.Width * stored.Height);
            return true;
        }
        catch (VipsException)
        {
            return false;
        }
    }

    private static bool Load()
    {
        try
        {
            if (!ModuleInitializer.VipsInitialized) return false;
            NetVips.NetVips.BlockUntrusted = true; // only the JPEG loader is ever called; the rest stay shut
            NetVips.NetVips.Concurrency = 1; // the encode workers are the parallelism; a vips pool per decode would fight them
            Cache.Max = 0; // a cached load would keep the photo's buffer alive
            Cache.MaxFiles = 0;
            Cache.MaxMem = 0;
            foreach (var domain in new[] { "VIPS", "GLib", "GLib-GObject" })
                Log.SetLogHandler(domain, Enums.LogLevelFlags.AllButFatal, (_, _, _) => { });
            return true;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException
                                      or BadImageFormatException)
        {
            return false;
        }
    }
}
