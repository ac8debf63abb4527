namespace FaceClustering.Core.Imaging;

/// <summary>Why a photo could not be read or decoded, in words for the user.</summary>
/// <param name="FormatUnavailable">
/// This system cannot decode the photo's format at all (its decoder library cannot load): a run says so once, with
/// the count, rather than file by file.
/// </param>
public sealed record PhotoProblem(string Reason, bool FormatUnavailable = false)
{
    public static implicit operator PhotoProblem(string reason) => new(reason);

    public override string ToString() => Reason;
}
