namespace FaceClustering.Core.Export;

/// <summary>How a photo is placed in its cluster folder.</summary>
public enum LinkMode
{
    /// <summary>A full copy (the default; works everywhere).</summary>
    Copy,

    /// <summary>A hard link: no extra space, same file system only (falls back to a copy where refused).</summary>
    Hard,

    /// <summary>A symbolic link to the photo's absolute path.</summary>
    Symbolic,
}
