using FaceClustering.Core.Encodings;

namespace FaceClustering.Tests.TestSupport;

/// <summary>Embeddings with known identities: same person about 0.3 apart, different people about 1 apart.</summary>
public static class SyntheticFaces
{
    public static float[] Identity(Random random, float norm = 0.75f)
    {
        var v = new float[FaceRecord.EncodingLength];
        for (var i = 0; i < v.Length; i++) v[i] = (float)Gaussian(random);
        var scale = norm / MathF.Sqrt(v.Sum(x => x * x));
        for (var i = 0; i < v.Length; i++) v[i] *= scale;
        return v;
    }

    public static float[] Near(Random random, float[] center, double spread = 0.02)
    {
        var v = (float[])center.Clone();
        for (var i = 0; i < v.Length; i++) v[i] += (float)(Gaussian(random) * spread);
        return v;
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
