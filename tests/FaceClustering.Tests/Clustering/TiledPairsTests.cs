using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>
/// The tiled search reports exactly the pairs within eps between its rows and columns, from the column position a
/// row asks for (each its own), for any number of rows and columns (not multiples of the 6 x 16 tile, more than
/// one block), with the float kernel and with the integer screen where the CPU has one.
/// </summary>
public class TiledPairsTests
{
    [Theory]
    [InlineData(false, 301, 97)]
    [InlineData(true, 301, 97)]
    [InlineData(false, 5, 3)]
    [InlineData(true, 17, 16)]
    [InlineData(false, 40, 1300)] // more columns than one block of the float kernel (512)
    [InlineData(true, 40, 4500)] // and of the integer screen (2048)
    public void Pairs_between_rows_and_columns_are_those_within_eps(bool integerScreen, int rowCount, int columnCount)
    {
        var (points, _) = SyntheticFaceLibrary.Generate(rowCount + columnCount, seed: 9);
        const int d = SyntheticFaceLibrary.Dimension;
        const double eps = 0.6;
        var space = new EpsNeighborhood(points, d, eps);
        var quantized = integerScreen ? QuantizedPoints.TryCreate(points, d) : null;
        Assert.SkipWhen(integerScreen && quantized is null, "this CPU has neither AVX-VNNI nor AVX-512BW: only the float kernel runs");
        // Rows: every point; columns: a shuffled subset, so that positions and point numbers differ.
        var rows = Enumerable.Range(0, rowCount + columnCount).ToArray();
        var columns = Enumerable.Range(0, rowCount + columnCount).Where(i => i % 3 != 1).Take(columnCount).Reverse().ToArray();
        var tiles = new TiledPairs(points, d, columns, quantized, space);

        var found = new List<(int, int)>();
        // Where a row starts varies from row to row: for every third row anywhere up to past the last column, so
        // rows skip whole blocks while others of their tile do not.
        int First(int row) => row % 3 == 0 ? row * 37 % (columns.Length + 10) : row % 5;
        tiles.ForEachNeighbor(space, rows, 0, rows.Length, First, (i, j) => found.Add((i, j)));

        var expected = new List<(int, int)>();
        for (var r = 0; r < rows.Length; r++)
        for (var c = First(r); c < columns.Length; c++)
        {
            var (i, j) = (rows[r], columns[c]);
            if (i != j && VectorDistance.Squared(points.AsSpan(i * d, d), points.AsSpan(j * d, d)) <= eps * eps) expected.Add((i, j));
        }
        Assert.True(expected.Count >= Math.Min(50, rows.Length * columns.Length / 4), $"only {expected.Count} pairs: the test should see many");
        Assert.Equal(expected.Order(), found.Order());
    }

    [Fact]
    public void Only_the_rows_from_to_are_searched()
    {
        float[] points = [0, 0, 0.1f, 0, 0.2f, 0, 0.3f, 0];
        var space = new EpsNeighborhood(points, 2, 1);
        var all = new[] { 0, 1, 2, 3 };
        var found = new List<(int, int)>();
        new TiledPairs(points, 2, all).ForEachNeighbor(space, all, 1, 3, row => row + 1, (i, j) => found.Add((i, j)));
        Assert.Equal([(1, 2), (1, 3), (2, 3)], found.Order());
    }
}
