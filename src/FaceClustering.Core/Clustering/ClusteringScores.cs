namespace FaceClustering.Core.Clustering;

/// <summary>
/// How well predicted clusters match true identities: pairwise and BCubed precision/recall/F, and NMI
/// (arithmetic normalisation, as scikit-learn's default). Items are parallel arrays of predicted cluster ids
/// and true identities; a predicted id of <see cref="Dbscan.Noise"/> makes the item a singleton.
/// </summary>
public sealed record ClusteringScores(
    int Items,
    double PairwisePrecision, double PairwiseRecall, double PairwiseF,
    double BCubedPrecision, double BCubedRecall, double BCubedF,
    double Nmi)
{
    public static ClusteringScores Compute(IReadOnlyList<int> predicted, IReadOnlyList<string> truth)
    {
        if (predicted.Count != truth.Count) throw new ArgumentException("predicted and truth differ in length");
        var n = predicted.Count;
        // Noise and other singletons each get a cluster of their own.
        var clusters = new int[n];
        var nextSingleton = predicted.Count == 0 ? 0 : Math.Max(0, predicted.Max()) + 1;
        for (var i = 0; i < n; i++) clusters[i] = predicted[i] == Dbscan.Noise ? nextSingleton++ : predicted[i];

        var classIds = truth.Distinct(StringComparer.Ordinal).Select((t, k) => (t, k)).ToDictionary(x => x.t, x => x.k, StringComparer.Ordinal);
        var classes = truth.Select(t => classIds[t]).ToArray();

        var joint = new Dictionary<(int, int), long>();
        var clusterSize = new Dictionary<int, long>();
        var classSize = new Dictionary<int, long>();
        for (var i = 0; i < n; i++)
        {
            joint[(clusters[i], classes[i])] = joint.GetValueOrDefault((clusters[i], classes[i])) + 1;
            clusterSize[clusters[i]] = clusterSize.GetValueOrDefault(clusters[i]) + 1;
            classSize[classes[i]] = classSize.GetValueOrDefault(classes[i]) + 1;
        }

        static double Pairs(long m) => m * (m - 1) / 2.0;
        var truePairs = joint.Values.Sum(Pairs);
        var predictedPairs = clusterSize.Values.Sum(Pairs);
        var actualPairs = classSize.Values.Sum(Pairs);
        var pairwiseP = predictedPairs == 0 ? 1 : truePairs / predictedPairs;
        var pairwiseR = actualPairs == 0 ? 1 : truePairs / actualPairs;

        double bP = 0, bR = 0;
        for (var i = 0; i < n; i++)
        {
            double together = joint[(clusters[i], classes[i])];
            bP += together / clusterSize[clusters[i]];
            bR += together / classSize[classes[i]];
        }
        bP = n == 0 ? 1 : bP / n;
        bR = n == 0 ? 1 : bR / n;

        double Entropy(IEnumerable<long> sizes) => -sizes.Sum(s => s == 0 ? 0 : (double)s / n * Math.Log((double)s / n));
        var hC = Entropy(clusterSize.Values);
        var hL = Entropy(classSize.Values);
        var mi = joint.Sum(kv => (double)kv.Value / n *
                                 Math.Log((double)kv.Value * n / (clusterSize[kv.Key.Item1] * (double)classSize[kv.Key.Item2])));
        // Both partitions trivial (one block each, or all singletons on both sides): perfect agreement.
        var nmi = hC + hL == 0 ? 1 : Math.Max(0, mi) / ((hC + hL) / 2);

        return new ClusteringScores(n, pairwiseP, pairwiseR, F(pairwiseP, pairwiseR), bP, bR, F(bP, bR), nmi);
    }

    private static double F(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Items} labelled photos: pairwise precision {PairwisePrecision:F4} recall {PairwiseRecall:F4} F {PairwiseF:F4}; " +
        $"BCubed precision {BCubedPrecision:F4} recall {BCubedRecall:F4} F {BCubedF:F4}; NMI {Nmi:F4}");
}
