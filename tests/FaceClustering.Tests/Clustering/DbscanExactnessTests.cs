using FaceClustering.Core.Calibration;
using FaceClustering.Core.Clustering;
using FaceClustering.Tests.TestSupport;

namespace FaceClustering.Tests.Clustering;

public class DbscanExactnessTests
{
    [Theory]
    [InlineData(1, 0.5, 5, true)]
    [InlineData(2, 0.5, 5, true)]
    [InlineData(3, 0.45, 3, true)]
    [InlineData(4, 0.6, 2, true)]
    [InlineData(5, 0.5, 1, true)]
    [InlineData(1, 0.5, 5, false)] // the float kernel alone, as on a CPU without VNNI
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
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Dbscan.Fit(new float[128], 128, new DbscanOptions { Eps = eps, MinSamples = minSamples, Jobs = jobs }));
    }
}

/// <summary>The 8-bit VNNI screen (<see cref="QuantizedPoints"/>) never drops a neighbour, however close to eps.</summary>
public class QuantizedScreenTests
{
    [Theory]
    [InlineData(0.5, 1f)]
    [InlineData(0.5, 8f)]   // far from the origin: large norms, coarse quantization steps
    [InlineData(0.375, 0.25f)] // eps values exact in float, so "exactly eps apart" is exact
    public void Pairs_exactly_eps_apart_in_128_dimensions_stay_neighbours_and_one_step_more_does_not(double eps, float offset)
    {
        Assert.SkipUnless(System.Runtime.Intrinsics.X86.AvxVnni.IsSupported, "this CPU has no VNNI: only the float kernel runs");
        var random = new Random(7);
        var rows = new List<float[]>();
        var step = MathF.Pow(2, -12); // coordinates on a 2^-12 grid, so x + eps is exact in float and in double
        for (var i = 0; i < 150; i++)
        {
            var x = new float[128];
            for (var k = 0; k < 128; k++) x[k] = offset + MathF.Round((float)(random.NextDouble() * 0.6 - 0.3) / step) * step;
            var inside = (float[])x.Clone();
            inside[i % 128] += (float)eps; // exactly eps away
            var outside = (float[])x.Clone();
            outside[(i + 1) % 128] -= (float)eps + step; // one grid step beyond eps
            rows.Add(x);
            rows.Add(inside);
            rows.Add(outside);
        }
        var points = rows.SelectMany(r => r).ToArray();
        Assert.NotNull(QuantizedPoints.TryCreate(points, 128));

        var expected = ReferenceDbscan.Fit(points, 128, eps, 2);
        var actual = Dbscan.Fit(points, 128, new DbscanOptions { Eps = eps, MinSamples = 2, Jobs = 2 });

        Assert.Equal(expected, actual);
        for (var i = 0; i < 150; i++)
        {
            Assert.True(actual[3 * i] >= 0 && actual[3 * i] == actual[3 * i + 1], $"pair {i} exactly eps apart was split");
        }
        Assert.Contains(actual.Where((_, index) => index % 3 == 2), l => l == Dbscan.Noise); // the ones beyond eps stay out
    }

    [Fact]
    public void The_screen_keeps_every_neighbour_of_a_realistic_library()
    {
        Assert.SkipUnless(System.Runtime.Intrinsics.X86.AvxVnni.IsSupported, "this CPU has no VNNI: only the float kernel runs");
        var (points, _) = SyntheticFaceLibrary.Generate(3000, seed: 5);
        var expected = ReferenceDbscan.Fit(points, 128, 0.5, 5);
        Assert.Equal(expected, Dbscan.Fit(points, 128, new DbscanOptions { Eps = 0.5, MinSamples = 5, Jobs = 2 }));
    }
}
