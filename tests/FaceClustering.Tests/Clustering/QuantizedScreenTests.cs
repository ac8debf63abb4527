using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

/// <summary>
/// The integer screen (<see cref="QuantizedPoints"/>: 8 bits with AVX-VNNI, 7 bits with AVX-512BW) never drops a
/// neighbour, however close to eps.
/// </summary>
public class QuantizedScreenTests
{
    private const string NoKernel = "this CPU has neither AVX-VNNI nor AVX-512BW: only the float kernel runs, and the screen is not used";

    [Theory]
    [InlineData(0.5, 1f)]
    [InlineData(0.5, 8f)]   // far from the origin: large norms, coarse quantization steps
    [InlineData(0.375, 0.25f)] // eps values exact in float, so "exactly eps apart" is exact
    public void Pairs_exactly_eps_apart_in_128_dimensions_stay_neighbours_and_one_step_more_does_not(double eps, float offset)
    {
        Assert.SkipUnless(QuantizedPoints.KernelFor(128) is not null, NoKernel);
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
        Assert.SkipUnless(QuantizedPoints.KernelFor(128) is not null, NoKernel);
        var (points, _) = SyntheticFaceLibrary.Generate(3000, seed: 5);
        var expected = ReferenceDbscan.Fit(points, 128, 0.5, 5);
        Assert.Equal(expected, Dbscan.Fit(points, 128, new DbscanOptions { Eps = 0.5, MinSamples = 5, Jobs = 2 }));
    }
}
