namespace FaceClustering.Tests;

/// <summary>A count with its noun: singular for one, plural for every other number, zero included.</summary>
public class CountedTests
{
    [Theory]
    [InlineData(0, "0 montages")]
    [InlineData(1, "1 montage")]
    [InlineData(2, "2 montages")]
    [InlineData(-1, "-1 montages")]
    public void The_noun_is_plural_except_for_one(int n, string expected) => Assert.Equal(expected, Counted.Of(n, "montage"));
}
