using FaceClustering.Core.Clustering;

namespace FaceClustering.Tests.Clustering;

public class AverageLinkageTests
{
    private const int Dimension = SyntheticFaceLibrary.Dimension;

    /// <summary>
    /// People whose faces lie 0.3-0.65 apart and whose centres lie 0.3-0.7 apart, so that free, contested and
    /// refused merges all happen; every fifth photo holds two faces. Yaws run from -45 to 45 degrees, every
    /// seventh unknown.
    /// </summary>
    private static (float[] Points, int[] Photos, float[] Yaws) RandomSet(int seed, int people, int faces)
    {
        var random = new Random(seed);
        var centers = new List<float[]> { SyntheticFaceLibrary.Identity(random) };
        for (var p = 1; p < people; p++)
        {
            var offset = SyntheticFaceLibrary.Identity(random, 1f);
            var near = centers[random.Next(centers.Count)];
            var step = 0.3f + 0.4f * (float)random.NextDouble();
            centers.Add(near.Zip(offset, (c, o) => c + step * o).ToArray());
        }
        var points = new float[faces * Dimension];
        var photos = new int[faces];
        var yaws = new float[faces];
        for (var i = 0; i < faces; i++)
        {
            yaws[i] = i % 7 == 3 ? float.NaN : (float)(90 * random.NextDouble() - 45);
            var spread = 0.02 + 0.02 * random.NextDouble();
            SyntheticFaceLibrary.Near(random, centers[random.Next(people)], spread).CopyTo(points, i * Dimension);
            photos[i] = i % 5 == 1 ? i - 1 : i;
        }
        return (points, photos, yaws);
    }

    [Theory]
    [InlineData(1, 0.575)]
    [InlineData(2, 0.575)]
    [InlineData(3, 0.5)]
    [InlineData(4, 0.65)]
    [InlineData(5, 0.575)]
    [InlineData(6, 0.6)]
    [InlineData(8, 0.525)]
    [InlineData(9, 0.45)]
    public void Equals_a_naive_reference_on_random_sets(int seed, double threshold)
    {
        var (points, photos, yaws) = RandomSet(seed, people: 12, faces: 70);
        var options = new AverageLinkageOptions { Threshold = threshold, Jobs = 2 };
        Assert.Equal(new NaiveAverageLinkage(points, photos, yaws, threshold).Fit(), AverageLinkage.Fit(points, Dimension, options, photos, yaws));
        Assert.Equal(new NaiveAverageLinkage(points, photos, null, threshold).Fit(), AverageLinkage.Fit(points, Dimension, options, photos));
    }

    [Fact]
    public void The_references_together_see_every_kind_of_decision()
    {
        int contested = 0, refusedSeparation = 0, refusedPhoto = 0, besideFragments = 0, bySlack = 0, refusedReach = 0;
        foreach (var (seed, threshold) in new[] { (1, 0.575), (2, 0.575), (3, 0.5), (4, 0.65), (5, 0.575), (6, 0.6), (8, 0.525), (9, 0.45) })
        {
            var (points, photos, yaws) = RandomSet(seed, 12, 70);
            var reference = new NaiveAverageLinkage(points, photos, yaws, threshold);
            reference.Fit();
            contested += reference.ContestedMerges;
            refusedSeparation += reference.RefusedForSeparation;
            refusedPhoto += reference.RefusedForPhoto;
            besideFragments += reference.MergedBesideFragments;
            bySlack += reference.MergedBySlack;
            refusedReach += reference.RefusedBeyondReach;
        }
        Assert.True(contested > 0 && refusedSeparation > 0 && refusedPhoto > 0 && besideFragments > 0 && bySlack > 0 && refusedReach > 0,
            $"contested merges {contested} ({besideFragments} beside a fragment, {bySlack} only through a pose's slack), " +
            $"refused for separation {refusedSeparation}, for a shared photo {refusedPhoto}, beyond a single face's reach {refusedReach}");
    }

    [Fact]
    public void Labels_do_not_depend_on_the_number_of_threads()
    {
        var (points, photos, yaws) = RandomSet(7, 30, 400);
        var one = AverageLinkage.Fit(points, Dimension, new AverageLinkageOptions { Jobs = 1 }, photos, yaws);
        var two = AverageLinkage.Fit(points, Dimension, new AverageLinkageOptions { Jobs = 2 }, photos, yaws);
        Assert.Equal(one, two);
    }

    /// <summary>Faces on a line, at the given positions along the first coordinate.</summary>
    private static float[] Line(params double[] positions)
    {
        var points = new float[positions.Length * Dimension];
        for (var i = 0; i < positions.Length; i++) points[i * Dimension] = (float)positions[i];
        return points;
    }

    [Fact]
    public void A_face_between_two_faces_of_one_photo_does_not_bridge_them()
    {
        // Faces 0 and 2 are one photo's; face 1 lies between them, 0.3 from each.
        var points = Line(0, 0.3, 0.6);
        var labels = AverageLinkage.Fit(points, Dimension, new AverageLinkageOptions(), photos: [0, 1, 0]);
        Assert.NotEqual(labels[0], labels[2]);
        Assert.True(labels[1] >= 0 && (labels[1] == labels[0] || labels[1] == labels[2]));
        var allowed = AverageLinkage.Fit(points, Dimension, new AverageLinkageOptions());
        Assert.Equal([0, 0, 0], allowed);
    }

    [Fact]
    public void A_contested_pair_merges_alone_and_not_beside_a_rival()
    {
        var t = AverageLinkageOptions.DefaultThreshold;
        // A pair 0.3 apart (a free merge), and a face whose average distance to the pair is t: inside the contested
        // band, nobody else near: it joins them.
        var x = (0.3 + Math.Sqrt(0.09 - 4 * (0.045 - t * t))) / 2; // (x² + (x - 0.3)²) / 2 = t²
        Assert.Equal([0, 0, 0], AverageLinkage.Fit(Line(0, 0.3, x), Dimension, new AverageLinkageOptions()));
        // A fourth face on the far side, t + 0.01 from the third: a rival within t + Separation, so it is refused
        // (and the fourth face, alone with the third, may not merge in the band): the pair stays a pair.
        Assert.Equal([0, 0, -1, -1], AverageLinkage.Fit(Line(0, 0.3, x, x + t + 0.01), Dimension, new AverageLinkageOptions()));
        // Two single faces t apart: contested, and neither holds two faces: they stay apart.
        Assert.Equal([-1, -1], AverageLinkage.Fit(Line(0, t), Dimension, new AverageLinkageOptions()));
        // A pair below the band merges whoever is near.
        var free = t - AverageLinkage.LowerBand - 0.01;
        Assert.Equal([0, 0, -1], AverageLinkage.Fit(Line(0, free, free + free + 0.01), Dimension, new AverageLinkageOptions()));
        // Beyond the band's top nothing merges.
        Assert.Equal([-1, -1], AverageLinkage.Fit(Line(0, t + AverageLinkage.UpperBand + 1e-6), Dimension, new AverageLinkageOptions()));
    }

    /// <summary>Where on the line a third face lies whose average squared distance to faces at 0 and p is h².</summary>
    private static double Beside(double p, double h) => (p + Math.Sqrt(4 * h * h - p * p)) / 2;

    [Fact]
    public void A_single_frontal_face_joins_a_group_from_no_farther_than_dlibs_tolerance()
    {
        var t = AverageLinkageOptions.DefaultThreshold;
        Assert.True(t < AverageLinkage.SingleFaceReach && AverageLinkage.SingleFaceReach < t + AverageLinkage.UpperBand);
        var options = new AverageLinkageOptions();
        // Inside the band either way, alone beside a pair: just inside the reach it joins, just beyond it stays out.
        Assert.Equal([0, 0, 0], AverageLinkage.Fit(Line(0, 0.2, Beside(0.2, AverageLinkage.SingleFaceReach - 0.005)), Dimension, options));
        var beyond = Line(0, 0.2, Beside(0.2, AverageLinkage.SingleFaceReach + 0.005));
        Assert.Equal([0, 0, -1], AverageLinkage.Fit(beyond, Dimension, options));
        Assert.Equal([0, 0, -1], AverageLinkage.Fit(beyond, Dimension, options, yaws: [0, 0, float.NaN]));
        // Above the reach the threshold decides: with t = 0.7 a single face joins from 0.69 (t - 0.01).
        Assert.Equal([0, 0, 0], AverageLinkage.Fit(Line(0, 0.2, Beside(0.2, 0.69)), Dimension, new AverageLinkageOptions { Threshold = 0.7 }));
        Assert.Equal([0, 0, -1], AverageLinkage.Fit(Line(0, 0.2, Beside(0.2, 0.71)), Dimension, new AverageLinkageOptions { Threshold = 0.7 }));
    }

    [Theory]
    [InlineData(30f, 0.05)]
    [InlineData(-45f, 0.05)]
    [InlineData(15f, 0.025)]
    [InlineData(0f, 0)]
    [InlineData(float.NaN, 0)]
    public void A_turned_face_counts_closer_in_proportion_to_its_yaw_up_to_30_degrees(float yaw, double slack)
    {
        Assert.Equal(slack, AverageLinkage.Slack(yaw), 12);
        // 0.6 + slack - 0.005 from a pair: beyond the reach as measured, inside it after the slack.
        var h = AverageLinkage.SingleFaceReach + slack - 0.005;
        var points = Line(0, 0.2, Beside(0.2, h));
        Assert.Equal([0, 0, 0], AverageLinkage.Fit(points, Dimension, new AverageLinkageOptions(), yaws: [0, 0, yaw]));
        if (slack > 0) Assert.Equal([0, 0, -1], AverageLinkage.Fit(points, Dimension, new AverageLinkageOptions(), yaws: [0, 0, 0]));
    }

    [Fact]
    public void A_turned_face_may_join_from_beyond_the_band_below_the_default_threshold()
    {
        // t = 0.5: the band ends at 0.6, and a face 0.63 from a pair joins only when turned (0.63 - 0.05 = 0.58).
        var options = new AverageLinkageOptions { Threshold = 0.5 };
        var points = Line(0, 0.2, Beside(0.2, 0.63));
        Assert.Equal([0, 0, 0], AverageLinkage.Fit(points, Dimension, options, yaws: [0, 0, 35]));
        Assert.Equal([0, 0, -1], AverageLinkage.Fit(points, Dimension, options, yaws: [0, 0, 10]));
        // Two single faces get no slack: 0.45 apart (inside the band) they stay apart however turned.
        Assert.Equal([-1, -1], AverageLinkage.Fit(Line(0, 0.45), Dimension, options, yaws: [40, 40]));
        // Nor does a group: a pair 0.63 from another pair stays apart.
        Assert.Equal([0, 0, 1, 1], AverageLinkage.Fit(Line(0, 0.05, 0.655, 0.705), Dimension, options, yaws: [40, 40, 40, 40]));
    }

    /// <summary>Faces in a plane, at the given (first, second) coordinates.</summary>
    private static float[] Plane(params (double X, double Y)[] positions)
    {
        var points = new float[positions.Length * Dimension];
        for (var i = 0; i < positions.Length; i++)
            (points[i * Dimension], points[i * Dimension + 1]) = ((float)positions[i].X, (float)positions[i].Y);
        return points;
    }

    private static double Squared(float[] points, int i, int j)
    {
        double sum = 0;
        for (var k = 0; k < Dimension; k++) sum += Math.Pow(points[i * Dimension + k] - points[j * Dimension + k], 2);
        return sum;
    }

    [Fact]
    public void A_third_group_close_to_both_is_a_fragment_not_a_rival()
    {
        var t = AverageLinkageOptions.DefaultThreshold;
        // A pair 0.1 apart around the origin, and two faces each about t from it and from each other (a triangle):
        // three fragments of one person. The second face lies a little farther, so the pair meets the first one first.
        var r = Math.Sqrt(t * t - 0.0025); // the pair's average squared distance to (r, 0) is t²
        var points = Plane((0, 0.05), (0, -0.05), (r, 0), (r / 2 + 0.002, r * Math.Sqrt(3) / 2));
        var h2 = (Squared(points, 0, 2) + Squared(points, 1, 2)) / 2;
        var toThird = (Squared(points, 0, 3) + Squared(points, 1, 3)) / 2;
        var besideThird = Squared(points, 2, 3);
        // As designed: the pair and the first face are contested and the second face is within h + Separation of
        // the first (a rival by distance alone), yet the three together are closer than t + Fragment to it.
        Assert.InRange(Math.Sqrt(h2), t - AverageLinkage.LowerBand, t + AverageLinkage.UpperBand);
        Assert.True(toThird > h2 && besideThird < Math.Pow(Math.Sqrt(h2) + AverageLinkage.Separation, 2));
        Assert.True((2 * toThird + besideThird) / 3 < Math.Pow(t + AverageLinkage.Fragment, 2));
        Assert.Equal([0, 0, 0, 0], AverageLinkage.Fit(points, Dimension, new AverageLinkageOptions()));
    }

    /// <summary>
    /// The algorithm as its contract states it, by brute force: every pair of groups, averages from every pair of
    /// faces, the closest pair that is not refused first; a refused pair stays refused until one of its groups grows.
    /// </summary>
    private sealed class NaiveAverageLinkage(float[] points, int[] photos, float[]? yaws, double threshold)
    {
        public int FreeMerges, ContestedMerges, RefusedForPhoto, RefusedForSeparation, RefusedBeyondReach, MergedBesideFragments, MergedBySlack;

        public int[] Fit()
        {
            var n = photos.Length;
            var groups = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
            var ids = Enumerable.Range(0, n).ToList(); // a fresh id each time a group changes
            var nextId = n;
            var refused = new HashSet<(int, int)>();
            var free2 = Math.Pow(threshold - AverageLinkage.LowerBand, 2);
            var limit2 = Math.Pow(threshold + AverageLinkage.UpperBand, 2);
            var fragment2 = Math.Pow(threshold + AverageLinkage.Fragment, 2);
            var reach = Math.Min(threshold + AverageLinkage.UpperBand, Math.Max(threshold, AverageLinkage.SingleFaceReach));
            var last2 = yaws is null ? limit2 : Math.Pow(Math.Max(threshold + AverageLinkage.UpperBand, reach + AverageLinkage.PoseSlack), 2);
            while (true)
            {
                var best = (H2: double.MaxValue, A: -1, B: -1);
                for (var a = 0; a < groups.Count; a++)
                for (var b = a + 1; b < groups.Count; b++)
                {
                    if (refused.Contains((ids[a], ids[b]))) continue;
                    var h2 = Average(groups[a], groups[b]);
                    if (h2 < best.H2) best = (h2, a, b);
                }
                if (best.A < 0 || best.H2 >= last2) break;
                var (ga, gb) = (groups[best.A], groups[best.B]);
                var sharePhoto = ga.Any(i => gb.Any(j => photos[i] == photos[j]));
                // A single face beside a group counts closer by its pose's slack, and joins from no farther than the reach.
                var counted2 = best.H2;
                var beyondReach = false;
                if (Math.Min(ga.Count, gb.Count) == 1 && Math.Max(ga.Count, gb.Count) > 1)
                {
                    var single = ga.Count == 1 ? ga[0] : gb[0];
                    var yaw = yaws?[single] ?? float.NaN;
                    var slack = float.IsNaN(yaw) ? 0 : AverageLinkage.PoseSlack * Math.Min(1, Math.Abs(yaw) / 30.0);
                    var h = Math.Sqrt(best.H2) - slack;
                    beyondReach = h >= reach;
                    counted2 = Math.Max(0, h) * Math.Max(0, h);
                }
                else beyondReach = best.H2 >= limit2;
                bool rival = false, fragment = false;
                if (sharePhoto || beyondReach) { }
                else if (counted2 >= free2 && Math.Max(ga.Count, gb.Count) < 2) rival = true; // two single faces: never contested
                else if (counted2 >= free2)
                {
                    var bound2 = Math.Pow(Math.Sqrt(best.H2) + AverageLinkage.Separation, 2);
                    var merged = ga.Concat(gb).ToList();
                    for (var c = 0; c < groups.Count && !rival; c++)
                        if (c != best.A && c != best.B && (Average(ga, groups[c]) < bound2 || Average(gb, groups[c]) < bound2))
                        {
                            // Near one of them: a rival unless it is close to the two together.
                            rival = Average(merged, groups[c]) >= fragment2;
                            fragment |= !rival;
                        }
                }
                if (sharePhoto || beyondReach || rival)
                {
                    refused.Add((ids[best.A], ids[best.B]));
                    if (sharePhoto) RefusedForPhoto++;
                    else if (beyondReach) RefusedBeyondReach++;
                    else RefusedForSeparation++;
                    continue;
                }
                if (counted2 >= free2) ContestedMerges++; else FreeMerges++;
                if (fragment) MergedBesideFragments++;
                if (Math.Sqrt(best.H2) >= reach || best.H2 >= free2 != counted2 >= free2) MergedBySlack++;
                ga.AddRange(gb);
                groups.RemoveAt(best.B);
                ids.RemoveAt(best.B);
                ids[best.A] = nextId++;
            }

            var labels = new int[n];
            Array.Fill(labels, Dbscan.Noise);
            var next = 0;
            foreach (var group in groups.Where(g => g.Count > 1).OrderBy(g => g.Min()))
            {
                foreach (var i in group) labels[i] = next;
                next++;
            }
            return labels;
        }

        private double Average(List<int> a, List<int> b)
        {
            double sum = 0;
            foreach (var i in a)
            foreach (var j in b)
            {
                for (var k = 0; k < Dimension; k++)
                {
                    var d = (double)points[i * Dimension + k] - points[j * Dimension + k];
                    sum += d * d;
                }
            }
            return sum / (a.Count * b.Count);
        }
    }
}
