using System.Text.Json;

namespace FaceClustering.Tests.TestSupport;

/// <summary>
/// face-api's own outputs under Node (TF.js, wasm backend; tools/faceapi-reference/make_reference.js) on fixed
/// input patterns, which each network's port must equal within <see cref="Tolerance"/>.
/// </summary>
internal static class FaceApiReference
{
    public const double Tolerance = 1e-4;

    public static readonly JsonElement Outputs = JsonDocument.Parse(
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "faceapi", "reference.json"))).RootElement;

    /// <summary>The same integer pattern as make_reference.js, as N x 3 x size x size floats.</summary>
    public static float[] Pattern(int size, int seed)
    {
        var nchw = new float[3 * size * size];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        for (var c = 0; c < 3; c++)
        {
            var v = ((x * (3 + c)) ^ (y * (5 + seed))) + ((x * y) >> 4) + ((((x >> 4) + (y >> 4) + seed) & 1) * 96);
            nchw[(c * size + y) * size + x] = v & 255;
        }
        return nchw;
    }

    public static float[] Values(JsonElement item, string name) =>
        item.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    public static void AssertClose(ITestOutputHelper output, string what, float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        var at = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var diff = Math.Abs(expected[i] - actual[i]);
            if (diff > worst) (worst, at) = (diff, i);
        }
        output.WriteLine($"{what}: {expected.Length} values, largest difference {worst:E2} (index {at})");
        Assert.True(worst <= Tolerance, $"{what}: value {at} is {actual[at]}, face-api gives {expected[at]} (difference {worst:E2})");
    }
}
