using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

public class DbscanTests
{
    [Theory]
    [InlineData(1, 0.5, 5, true)]
    [InlineData(2, 0.5, 5, true)]
    [InlineData(3, 0.45, 3, true)]
    [InlineData(4, 0.6, 2, true)]
    [InlineData(5, 0.5, 1, true)]
    [InlineData(1, 0.5, 5, false)] // the float kernel alone, as on a CPU without an integer screen
    [InlineData(3, 0.45, 3, false)]
    public void Labels_equal_the_reference_transcription_on_random_face_sets(int seed, double eps, int minSamples, bool quantize)
    {
        var random = new Random(seed);
        var rows = new List<float[]>();
        while (rows.Count < 400)
        {
            var center = SyntheticFaceLibrary.Identity(random);
            var size = random.Next(1, 12);
            var spread = 0.018 + random.NextDouble() * 0.014; // pairs about 0.29 to 0.51 apart
            for (var k = 0; k < size; k++) rows.Add(SyntheticFaceLibrary.Near(random, center, spread));
        }
        var points = rows.SelectMany(r => r).ToArray();

        var expected = ReferenceDbscan.Fit(points, 128, eps, minSamples);
        var actual = Dbscan.Fit(points, 128, new DbscanOptions { Eps = eps, MinSamples = minSamples, Jobs = 2, Quantize = quantize });

        Assert.Equal(expected, actual);
        Assert.Contains(expected, l => l >= 1); // the data really has clusters...
        if (minSamples > 1) Assert.Contains(expected, l => l == -1); // ...and noise where there can be any
    }

    [Fact]
    public void A_distance_exactly_eps_is_a_neighbour_even_where_float32_cancellation_is_huge()
    {
        // Far from the origin |x|² + |y|² - 2x·y loses every significant bit in float32; the exact
        // double-precision check must still see that 1000 and 1000.5 are exactly eps = 0.5 apart.
        float[] points = [1000f, 0f, 1000.5f, 0f, 1001f, 0f, 1001.5f + 0.0001f, 0f];
        var labels = Dbscan.Fit(points, 2, new DbscanOptions { Eps = 0.5, MinSamples = 2, Jobs = 1 });
        Assert.Equal([0, 0, 0, -1], labels);
    }

    [Fact]
    public void Neighbours_one_float_step_inside_or_outside_eps_are_decided_exactly()
    {
        var eps = 0.5;
        var inside = 0.5f;
        var outside = MathF.BitIncrement(0.5f); // 0.50000006: just outside
        float[] points = [0f, 0f, inside, 0f, 0f, 1f, outside, 1f];
        var labels = Dbscan.Fit(points, 2, new DbscanOptions { Eps = eps, MinSamples = 2, Jobs = 1 });
        Assert.Equal([0, 0, -1, -1], labels);
    }

    [Fact]
    public void Empty_and_single_point_inputs_are_fine()
    {
        Assert.Empty(Dbscan.Fit([], 128, new DbscanOptions()));
        Assert.Equal([-1], Dbscan.Fit(new float[128], 128, new DbscanOptions()));
        Assert.Equal([0], Dbscan.Fit(new float[128], 128, new DbscanOptions { MinSamples = 1 }));
    }

    [Theory]
    [InlineData(0.0, 5, -1)]
    [InlineData(-1.0, 5, -1)]
    [InlineData(double.NaN, 5, -1)]
    [InlineData(0.5, 0, -1)]
    [InlineData(0.5, 5, 0)]
    [InlineData(0.5, 5, -2)]
    public void Invalid_parameters_are_refused(double eps, int minSamples, int jobs)
    {
        // Refused where the options are made, naming the setting at fault: no DBSCAN runs on them.
        var error = Assert.Throws<OptionException>(() => new DbscanOptions { Eps = eps, MinSamples = minSamples, Jobs = jobs });
        var expected = !(eps > 0) ? Setting.Threshold : minSamples < 1 ? Setting.MinSamples : Setting.Jobs;
        Assert.Equal(expected, error.Setting);
    }
}
