using System.Runtime.InteropServices;

namespace FaceClustering.Core.Encode;

/// <summary>
/// Keeps the native heap's large blocks for reuse. A decoded photo is one block of about 8 MB (1920 px) to 36 MB
/// (12 MP), which glibc's malloc maps afresh for every photo and unmaps when it is freed, so each photo's pixels
/// land on new pages: measured here, a first touch costs 12 us a 4-KiB page in this machine's virtual machine,
/// about 2,000 pages (24 ms) a 1920-px photo, a tenth of its encode time. Raising the mapping and trimming
/// thresholds lets freed photos' memory serve the next ones.
/// </summary>
public static partial class NativeHeap
{
    private const int MTrimThreshold = -1; // glibc's mallopt parameters (malloc.h)
    private const int MMmapThreshold = -3;

    // glibc's ceiling for the mapping threshold on 64-bit systems (larger values are refused).
    private const int MaxMmapThreshold = 32 << 20;
    private const int TrimThreshold = 256 << 20;

    private static int _done;

    /// <summary>Once per process, on Linux with glibc; elsewhere (Windows, musl) it does nothing.</summary>
    public static void KeepLargeBlocks()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _done, 1) == 1) return;
        try
        {
            mallopt(MMmapThreshold, MaxMmapThreshold);
            mallopt(MTrimThreshold, TrimThreshold);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // not glibc: its allocator keeps its own policy
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int parameter, int value);
}
