namespace FaceClustering.Core.Imaging;

/// <summary>Why a photo could not be read or decoded, in words for the user.</summary>
/// <param name="FormatUnavailable">
/// This system cannot decode the photo's format at all (its decoder library cannot load): a run says so once, with
/// the count, rather than file by file.
/// </param>
public sealed record PhotoProblem(string Reason, bool FormatUnavailable = false)
{
    public static implicit operator PhotoProblem(string reason) => new(reason);

    /// <summary>A photo whose size is over the decoders' limit, refused before any pixel is allocated.</summary>
    public static PhotoProblem TooLarge(long width, long height, long maxPixels) =>
        $"too large to decode ({width}x{height} pixels; the limit is {maxPixels / 1_000_000} megapixels)";

    public override string ToString() => Reason;
}
