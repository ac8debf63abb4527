using FaceClustering.Core.Detection.Hog;

namespace FaceClustering.Tests.Detection.Hog;

/// <summary>
/// The separable filter: inside the area a filter can reach, the row-then-column correlation as a plain double sum
/// gives it (to float rounding), for dlib's 10-tap filters and other lengths; added when asked; the border untouched.
/// </summary>
public class SeparableCorrelationTests
{
    [Theory]
    [InlineData(10, 10)]
    [InlineData(3, 7)]
    [InlineData(10, 5)]
    [InlineData(1, 1)]
    public void Inside_the_valid_area_the_result_is_the_correlation(int rowLength, int columnLength)
    {
        const int rows = 37, columns = 45;
        var random = new Random(rowLength * 10 + columnLength);
        var input = Enumerable.Range(0, rows * columns).Select(_ => (float)random.NextDouble()).ToArray();
        var row = Enumerable.Range(0, rowLength).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var column = Enumerable.Range(0, columnLength).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var area = SeparableCorrelation.ValidArea(rows, columns, rowLength, columnLength);
        Assert.Equal(new SeparableCorrelation.Area(columnLength / 2, rowLength / 2, rows - (columnLength - 1) / 2, columns - (rowLength - 1) / 2), area);

        var output = Enumerable.Repeat(-7f, rows * columns).ToArray();
        var scratch = new float[rows * columns];
        // In two bands, as the detector runs it.
        var middle = (area.Top + area.Bottom) / 2;
        SeparableCorrelation.Apply(input, columns, area, row, column, scratch, output, add: false, area.Top, middle);
        SeparableCorrelation.Apply(input, columns, area, row, column, scratch, output, add: false, middle, area.Bottom);

        for (var r = 0; r < rows; r++)
        for (var c = 0; c < columns; c++)
        {
            var inside = r >= area.Top && r < area.Bottom && c >= area.Left && c < area.Right;
            if (!inside)
            {
                Assert.Equal(-7f, output[r * columns + c]);
                continue;
            }
            double expected = 0;
            for (var i = 0; i < columnLength; i++)
            for (var j = 0; j < rowLength; j++)
                expected += (double)input[(r - area.Top + i) * columns + c - area.Left + j] * column[i] * row[j];
            Assert.True(Math.Abs(expected - output[r * columns + c]) < 1e-4, $"({r},{c}): {output[r * columns + c]} against {expected}");
        }

        // Added onto what is there.
        var before = (float[])output.Clone();
        SeparableCorrelation.Apply(input, columns, area, row, column, scratch, output, add: true, area.Top, area.Bottom);
        var at = area.Top * columns + area.Left;
        Assert.Equal(2 * before[at], output[at], 4);
    }
}
