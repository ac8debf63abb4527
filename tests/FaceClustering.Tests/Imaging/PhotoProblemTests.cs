namespace FaceClustering.Tests.Imaging;

/// <summary>Why a photo was skipped, in words: the size and the limit for one too large; a plain reason from a string.</summary>
public class PhotoProblemTests
{
    [Fact]
    public void A_reason_reads_as_the_user_sees_it()
    {
        Assert.Equal("too large to decode (30000x20000 pixels; the limit is 250 megapixels)", PhotoProblem.TooLarge(30000, 20000, 250_000_000).ToString());
        PhotoProblem plain = "empty file";
        Assert.Equal(("empty file", false), (plain.Reason, plain.FormatUnavailable));
    }
}
