using System.Runtime.InteropServices;

namespace FaceClustering.Core.Export;

/// <summary>Creates hard links (.NET has no API for them): link(2) on Unix, CreateHardLinkW on Windows.</summary>
internal static partial class HardLink
{
    /// <summary>True when the link was made; false when the file system refused (other device, no support).</summary>
    public static bool TryCreate(string existingFile, string newLink)
    {
        try
        {
            return OperatingSystem.IsWindows()
                ? CreateHardLinkW(newLink, existingFile, IntPtr.Zero)
                : link(existingFile, newLink) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // no usable C library binding: the caller copies instead
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string oldpath, string newpath);

    [LibraryImport("kernel32.dll", StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CreateHardLinkW(string lpFileName, string lpExistingFileName, IntPtr lpSecurityAttributes);
}
