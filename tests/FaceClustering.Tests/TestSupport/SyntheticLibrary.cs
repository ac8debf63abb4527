using FaceClustering.Core.Encodings;

namespace FaceClustering.Tests.TestSupport;

/// <summary>
/// A synthetic face library with known identities, shaped like real ones: identity sizes log-normal, 20%
/// people seen once, same-person distances about 0.3 to 0.6, different people about 0.9 to 1.2, some siblings
/// closer than that; one face per photo.
/// </summary>
public static class SyntheticLibrary
{
    public static (FaceSet Faces, List<string> Identities) Create(int faces, int seed, double spreadLow = 0.02,
        double spreadHigh = 0.035, double siblingShare = 0.1)
    {
        var random = new Random(seed);
        var records = new List<FaceRecord>();
        var identities = new List<string>();
        float[]? previous = null;
        var person = 0;
        while (records.Count < faces)
        {
            float[] center;
            if (previous is not null && random.NextDouble() < siblingShare)
            {
                // A sibling: about 0.65 from the previous identity.
                var offset = SyntheticFaces.Identity(random, 1f);
                center = previous.Zip(offset, (p, o) => p + 0.65f * o).ToArray();
            }
            else
            {
                center = SyntheticFaces.Identity(random, 0.75f);
            }
            previous = center;
            var size = random.NextDouble() < 0.2 ? 1 : Math.Max(2, (int)Math.Round(Math.Exp(2.0 + 0.8 * SyntheticFaces.Gaussian(random))));
            var spread = spreadLow + random.NextDouble() * (spreadHigh - spreadLow);
            for (var k = 0; k < size && records.Count < faces; k++)
            {
                records.Add(new FaceRecord($"p{person}/{k}.jpg", new FaceBox(0, 10, 10, 0), SyntheticFaces.Near(random, center, spread)));
                identities.Add($"p{person}");
            }
            person++;
        }
        return (FaceSet.FromRecords(EncodingsHeader.Create("synthetic", "none"), records), identities);
    }
}
