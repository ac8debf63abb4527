using FaceClustering.Core.Encodings;

namespace FaceClustering.Testing;

/// <summary>
/// Seeded synthetic face descriptors with known identities, shaped like a real library's: identity sizes
/// log-normal, 20% of people seen once, same-person distances about 0.3 to 0.6, different people about 0.9 to
/// 1.2, and a share of "siblings" only about 0.65 apart. For tests and benchmarks: the same seed always gives
/// the same data.
/// </summary>
public static class SyntheticFaceLibrary
{
    public const int Dimension = FaceRecord.EncodingLength;

    /// <summary>Flat row-major descriptors and the identity of each row.</summary>
    public static (float[] Vectors, int[] Identities) Generate(int faces, int seed, double spreadLow = 0.019,
        double spreadHigh = 0.0375, double siblingShare = 0.1)
    {
        var random = new Random(seed);
        var vectors = new float[faces * Dimension];
        var identities = new int[faces];
        float[]? previous = null;
        var person = 0;
        var count = 0;
        while (count < faces)
        {
            float[] center;
            if (previous is not null && random.NextDouble() < siblingShare)
            {
                var offset = Identity(random, 1f);
                center = previous.Zip(offset, (p, o) => p + 0.65f * o).ToArray();
            }
            else
            {
                center = Identity(random, 0.75f);
            }
            previous = center;
            var size = random.NextDouble() < 0.2 ? 1 : Math.Max(2, (int)Math.Round(Math.Exp(2.0 + 0.8 * Gaussian(random))));
            var spread = spreadLow + random.NextDouble() * (spreadHigh - spreadLow);
            for (var k = 0; k < size && count < faces; k++, count++)
            {
                Near(random, center, spread).CopyTo(vectors, count * Dimension);
                identities[count] = person;
            }
            person++;
        }
        return (vectors, identities);
    }

    /// <summary>The same data as a face set (one photo per face) with identity names, for clustering runs.</summary>
    public static (FaceSet Faces, List<string> Identities) CreateFaceSet(int faces, int seed, double spreadLow = 0.019,
        double spreadHigh = 0.0375, double siblingShare = 0.1)
    {
        var (vectors, identities) = Generate(faces, seed, spreadLow, spreadHigh, siblingShare);
        var records = Enumerable.Range(0, faces).Select(i => new FaceRecord($"p{identities[i]}/{i}.jpg",
            new FaceBox(0, 10, 10, 0), vectors.AsSpan(i * Dimension, Dimension).ToArray()));
        return (FaceSet.FromRecords(EncodingsHeader.Create("synthetic", "none"), records), identities.Select(p => $"p{p}").ToList());
    }

    /// <summary>A random direction of the given length.</summary>
    public static float[] Identity(Random random, float norm = 0.75f)
    {
        var v = new float[Dimension];
        for (var i = 0; i < v.Length; i++) v[i] = (float)Gaussian(random);
        var scale = norm / MathF.Sqrt(v.Sum(x => x * x));
        for (var i = 0; i < v.Length; i++) v[i] *= scale;
        return v;
    }

    /// <summary>A face of the identity at <paramref name="center"/>: Gaussian noise of the given spread per coordinate.</summary>
    public static float[] Near(Random random, float[] center, double spread = 0.02)
    {
        var v = (float[])center.Clone();
        for (var i = 0; i < v.Length; i++) v[i] += (float)(Gaussian(random) * spread);
        return v;
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
