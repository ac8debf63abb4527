using FaceClustering.Core.Export;

namespace FaceClustering.Tests.Export;

/// <summary>A CSV field as RFC 4180 quotes it, and a cell a spreadsheet would run as a formula neutralised.</summary>
public class CsvFieldTests
{
    [Theory]
    [InlineData("photos/a.jpg", "photos/a.jpg")]
    [InlineData("", "")]
    [InlineData("a,b.jpg", "\"a,b.jpg\"")]
    [InlineData("say \"cheese\".jpg", "\"say \"\"cheese\"\".jpg\"")]
    [InlineData("two\nlines.jpg", "\"two\nlines.jpg\"")]
    [InlineData("mid=dle+@.jpg", "mid=dle+@.jpg")] // only a leading sign is a formula
    public void Plain_fields_are_left_alone_and_special_ones_quoted(string field, string expected)
        => Assert.Equal(expected, CsvField.Quote(field));

    [Theory]
    [InlineData("=HYPERLINK(\"x\").jpg", "\"'=HYPERLINK(\"\"x\"\").jpg\"")]
    [InlineData("+1.jpg", "\"'+1.jpg\"")]
    [InlineData("-1.jpg", "\"'-1.jpg\"")]
    [InlineData("@SUM(A1).jpg", "\"'@SUM(A1).jpg\"")]
    [InlineData("\tx.jpg", "\"'\tx.jpg\"")]
    [InlineData("\rx.jpg", "\"'\rx.jpg\"")]
    public void A_formula_gets_a_leading_apostrophe_and_quotes(string field, string expected)
        => Assert.Equal(expected, CsvField.Quote(field));
}
