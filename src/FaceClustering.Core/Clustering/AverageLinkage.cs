using System.Numerics.Tensors;

namespace FaceClustering.Core.Clustering;

/// <summary>
/// Average-linkage agglomerative clustering on squared Euclidean distances (UPGMA: the distance of two groups is
/// the mean squared distance over all pairs of their faces, as scikit-learn's
/// <c>AgglomerativeClustering(linkage="average")</c> on squared distances), closest pair of groups first, with
/// four rules that make one threshold t hold on crowded libraries as on small ones:
/// <list type="bullet">
/// <item>free: two groups whose average squared distance h² is below (t - <see cref="LowerBand"/>)² merge;</item>
/// <item>contested: with h between t - LowerBand and t + <see cref="UpperBand"/> they merge only when one of them
///   already holds two faces or more and both are clearly apart from everyone else: no rival within
///   h + <see cref="Separation"/> of either (the ratio test of feature matching, for groups). A rival is a third
///   group that would stay apart from the merged pair, at an average of t + <see cref="Fragment"/> or more; a third
///   group closer than that to both is another fragment of the same person, no competitor. In a crowd of look-alikes
///   the test refuses, in an empty neighbourhood or among one person's fragments it accepts; two single faces must
///   be closer than t - LowerBand (on LFW most pairs of single faces in the band were two people, and two strangers
///   are often each other's nearest face);</item>
/// <item>a single face joining a group counts <see cref="PoseSlack"/> closer when its head is turned
///   <see cref="PoseSlackYaw"/> degrees or more (in proportion below that), and never joins farther than
///   <see cref="SingleFaceReach"/> (dlib's own same-person tolerance) or t, whichever is larger. On the LFW tune
///   split (each half alike) photos of one person lie about 0.05 farther apart when one of them is turned 30
///   degrees or more (median and 90th percentile), while photos of two people lie no closer. No single face of
///   LFW joins from beyond 0.6 at t = 0.55, so the reach costs nothing there; on the dev set it keeps the Messi
///   look-alike (0.637 from Messi's six photos) out, and the slack lets Stuart's turned photo (27 degrees, 0.625
///   from the three photos it joins) in;</item>
/// <item>never: two groups that hold faces of one photo (two faces in a photo are two people), or h at or above
///   t + UpperBand.</item>
/// </list>
/// The band is wider above t than below it: below, a merge that the free rule would make is refused only in a
/// crowd; above, only a well separated group may still grow. With these widths BCubed F stays within 0.03 of its
/// best from t - 0.05 to t + 0.05 on the LFW tune split and the dev set (README, "Choosing the default").
/// A refused pair stays refused until one of the two groups grows. Groups of one face are noise; clusters are
/// numbered by their lowest-index face.
///
/// Exact on a sparse graph: the average squared distance of groups A and B follows from their sizes, vector
/// sums and sums of squared norms, (|B|·Q_A + |A|·Q_B - 2·S_A·S_B) / (|A||B|); and a mean below r² needs one
/// pair below r, so two groups are ever closer than r on average only if some pair of their faces is within r.
/// With r = t + UpperBand + Separation (the farthest a merge or its test looks; below t = 0.55 up to PoseSlack
/// more, as far as a turned single face may join from), the pairs within r that the tiled
/// kernel finds are every candidate and every rival there is; a rival's distance to the merged pair comes from
/// the sums, near or not.
/// </summary>
public static class AverageLinkage
{
    /// <summary>How far below the threshold the contested band begins (merges closer than that are free).</summary>
    public const double LowerBand = 0.075;

    /// <summary>How far above the threshold the contested band ends (no merge beyond it).</summary>
    public const double UpperBand = 0.1;

    /// <summary>How much farther than each other every third group must be for a contested merge.</summary>
    public const double Separation = 0.02;

    /// <summary>A third group closer than t + Fragment on average to the merged pair is a fragment, not a rival.</summary>
    public const double Fragment = 0.025;

    /// <summary>How much closer a single face counts when it joins a group with its head turned <see cref="PoseSlackYaw"/> degrees or more.</summary>
    public const double PoseSlack = 0.05;

    /// <summary>The yaw, in degrees, from which a single face gets the whole <see cref="PoseSlack"/> (a part of it below).</summary>
    public const double PoseSlackYaw = 30;

    /// <summary>The farthest (after the slack) that a single face joins a group, where the threshold is lower: dlib's tolerance.</summary>
    public const double SingleFaceReach = 0.6;

    /// <param name="photos">Per face, an id of its photo; faces with the same id never share a cluster. Null: no such rule.</param>
    /// <param name="yaws">Per face, how far its head is turned in degrees (NaN: unknown, no slack). Null: no slack for anyone.</param>
    /// <param name="progress">Stage, work done and work in all.</param>
    public static int[] Fit(float[] points, int dimension, AverageLinkageOptions options, int[]? photos = null,
        float[]? yaws = null, Action<string, long, long>? progress = null)
    {
        var n = points.Length / dimension;
        if (photos is not null && photos.Length != n)
            throw new ArgumentException($"{photos.Length} photo ids for {n} faces", nameof(photos));
        if (yaws is not null && yaws.Length != n)
            throw new ArgumentException($"{yaws.Length} yaws for {n} faces", nameof(yaws));
        var groups = new Groups(points, dimension, photos, yaws, options.Threshold);
        long rows = 0;
        var pairs = NeighborPairs.Within(points, dimension, groups.Reach, options.EffectiveJobs,
            done => progress?.Invoke("linking faces", Interlocked.Add(ref rows, done), n));
        return groups.Agglomerate(pairs, progress);
    }

    /// <summary>How much closer a single face with this yaw counts when it joins a group; 0 when the yaw is unknown.</summary>
    public static double Slack(float yaw) => float.IsNaN(yaw) ? 0 : PoseSlack * Math.Min(1, Math.Abs(yaw) / PoseSlackYaw);

    /// <summary>The groups of faces as they merge: sizes, sums, photos, the graph between them and the candidate queue.</summary>
    private sealed class Groups
    {
        private readonly float[] _points;
        private readonly int _dimension;
        private readonly int[]? _photos;
        private readonly float[]? _yaws;
        private readonly double _free2, _limit2, _singleLimit, _queue2, _reach2, _fragment2;

        private readonly int[] _size;
        private readonly double[] _squaredNorms; // per group: the sum of its faces' squared norms
        private readonly double[]?[] _sums; // per group of two or more: the sum of its faces (a single face is its point)
        private readonly HashSet<int>?[] _photoSets; // per group of two or more with photo ids
        // Per group: groups that may be within reach, as face or group indices to map through Root (a superset:
        // entries go stale as groups merge, and each group's list is rebuilt, deduplicated, when it merges).
        private readonly List<int>?[] _near;
        private readonly int[] _seen; // per group, the merge that last listed it (deduplicates a rebuilt list)
        private int _merges; // merges so far
        private readonly int[] _version; // bumped on every merge, so queued candidates of the old group are ignored
        private readonly int[] _parent;
        // Candidates: the pair's versions when queued, by (average squared distance, lower index, higher index).
        private readonly PriorityQueue<(int VersionA, int VersionB), (double H2, int A, int B)> _queue = new();

        public Groups(float[] points, int dimension, int[]? photos, float[]? yaws, double threshold)
        {
            _points = points;
            _dimension = dimension;
            _photos = photos;
            _yaws = yaws;
            var free = Math.Max(0, threshold - LowerBand);
            _free2 = free * free;
            _limit2 = Square(threshold + UpperBand);
            _singleLimit = Math.Min(threshold + UpperBand, Math.Max(threshold, SingleFaceReach));
            // Candidates are queued as far as a turned single face may still join from.
            var queue = yaws is null ? threshold + UpperBand : Math.Max(threshold + UpperBand, _singleLimit + PoseSlack);
            _queue2 = Square(queue);
            Reach = queue + Separation;
            _reach2 = Square(Reach);
            _fragment2 = Square(threshold + Fragment);
            var n = points.Length / dimension;
            _size = new int[n];
            Array.Fill(_size, 1);
            _squaredNorms = new double[n];
            for (var i = 0; i < n; i++)
            {
                var row = Row(i);
                double sum = 0;
                foreach (var x in row) sum += (double)x * x;
                _squaredNorms[i] = sum;
            }
            _sums = new double[n][];
            _photoSets = new HashSet<int>[n];
            _near = new List<int>[n];
            _seen = new int[n];
            _version = new int[n];
            _parent = Enumerable.Range(0, n).ToArray();
        }

        /// <summary>The farthest apart two faces may be and still matter: to a merge, or to its test as a rival.</summary>
        public double Reach { get; }

        public int[] Agglomerate(List<NeighborPairs.Pair>[] chunks, Action<string, long, long>? progress)
        {
            var n = _size.Length;
            var degree = new int[n];
            foreach (var chunk in chunks)
            foreach (var (i, j, _) in chunk)
            {
                degree[i]++;
                degree[j]++;
            }
            for (var i = 0; i < n; i++)
                if (degree[i] > 0) _near[i] = new List<int>(degree[i]);
            for (var c = 0; c < chunks.Length; c++)
            {
                foreach (var (i, j, d2) in chunks[c])
                {
                    _near[i]!.Add(j);
                    _near[j]!.Add(i);
                    if (d2 < _queue2) _queue.Enqueue((0, 0), (d2, i, j));
                }
                chunks[c] = []; // each chunk is let go once read
            }
            while (_queue.TryDequeue(out var candidate, out var priority))
            {
                var (a, b) = (priority.A, priority.B);
                if (_version[a] != candidate.VersionA || _version[b] != candidate.VersionB || _parent[a] != a || _parent[b] != b)
                    continue; // one of them has merged since
                if (SharePhoto(a, b)) continue;
                var h2 = priority.H2;
                if (Math.Min(_size[a], _size[b]) == 1 && Math.Max(_size[a], _size[b]) >= 2)
                {
                    // A single face joins a group: as far as it counts after its pose's slack.
                    var h = Math.Sqrt(h2) - (_yaws is null ? 0 : Slack(_yaws[_size[a] == 1 ? a : b]));
                    if (h >= _singleLimit) continue;
                    h2 = h > 0 ? h * h : 0;
                }
                else if (h2 >= _limit2) continue; // queued only for a turned single face's slack
                if (h2 >= _free2 && (Math.Max(_size[a], _size[b]) < 2 || !Separated(a, b, priority.H2))) continue;
                Merge(a, b);
                if ((_merges & 1023) == 0) progress?.Invoke("merging groups", _merges, n);
            }
            progress?.Invoke("merging groups", n, n);
            return Labels();
        }

        /// <summary>No rival within h + Separation of a or of b: a third group that stays apart from a and b merged.</summary>
        private bool Separated(int a, int b, double h2)
        {
            var bound2 = Square(Math.Sqrt(h2) + Separation);
            return !HasRival(a, b) && !HasRival(b, a);

            bool HasRival(int group, int other)
            {
                if (_near[group] is not { } near) return false;
                foreach (var entry in near)
                {
                    var c = Root(entry);
                    if (c == other || c == group) continue;
                    var toGroup = Average(group, c);
                    if (toGroup >= bound2) continue;
                    // The merged pair's average to c, weighted by the parts' sizes.
                    var toMerged = (_size[group] * toGroup + _size[other] * Average(other, c)) / (_size[group] + _size[other]);
                    if (toMerged >= _fragment2) return true;
                }
                return false;
            }
        }

        private void Merge(int a, int b)
        {
            var (keep, gone) = _size[a] >= _size[b] ? (a, b) : (b, a);
            var sum = _sums[keep] ?? ToDouble(Row(keep));
            if (_sums[gone] is { } goneSum) TensorPrimitives.Add(sum, goneSum, sum);
            else for (var k = 0; k < _dimension; k++) sum[k] += _points[gone * _dimension + k];
            _sums[keep] = sum;
            _sums[gone] = null;
            _squaredNorms[keep] += _squaredNorms[gone];
            _size[keep] += _size[gone];
            if (_photos is not null)
            {
                var set = _photoSets[keep] ?? [_photos[keep]];
                if (_photoSets[gone] is { } goneSet) set.UnionWith(goneSet);
                else set.Add(_photos[gone]);
                _photoSets[keep] = set;
                _photoSets[gone] = null;
            }
            _parent[gone] = keep;
            _version[keep]++;

            // The merged group's neighbours: those of either part still within reach, each once. Other groups'
            // lists are left as they are: an entry naming either part now leads here through Root.
            var stamp = ++_merges;
            _seen[keep] = stamp;
            var near = new List<int>();
            Gather(_near[keep]);
            Gather(_near[gone]);
            _near[keep] = near;
            _near[gone] = null;

            void Gather(List<int>? list)
            {
                if (list is null) return;
                foreach (var entry in list)
                {
                    var c = Root(entry);
                    if (_seen[c] == stamp) continue;
                    _seen[c] = stamp;
                    var h2 = Average(keep, c);
                    if (h2 >= _reach2) continue;
                    near.Add(c);
                    if (h2 < _queue2)
                    {
                        var (x, y) = keep < c ? (keep, c) : (c, keep);
                        _queue.Enqueue((_version[x], _version[y]), (h2, x, y));
                    }
                }
            }
        }

        /// <summary>The mean squared distance over all pairs of faces of groups a and b, from their sums.</summary>
        private double Average(int a, int b)
        {
            double dot;
            if (_sums[a] is { } sa && _sums[b] is { } sb) dot = TensorPrimitives.Dot<double>(sa, sb);
            else if (_sums[a] is { } s) dot = Dot(s, Row(b));
            else if (_sums[b] is { } t) dot = Dot(t, Row(a));
            else dot = Dot(Row(a), Row(b));
            double na = _size[a], nb = _size[b];
            return (nb * _squaredNorms[a] + na * _squaredNorms[b] - 2 * dot) / (na * nb);
        }

        private bool SharePhoto(int a, int b)
        {
            if (_photos is null) return false;
            var (sa, sb) = (_photoSets[a], _photoSets[b]);
            if (sa is null && sb is null) return _photos[a] == _photos[b];
            if (sa is null) return sb!.Contains(_photos[a]);
            if (sb is null) return sa.Contains(_photos[b]);
            var (small, large) = sa.Count <= sb.Count ? (sa, sb) : (sb, sa);
            foreach (var p in small)
                if (large.Contains(p)) return true;
            return false;
        }

        /// <summary>Groups of two or more faces numbered by their lowest-index face; single faces are noise.</summary>
        private int[] Labels()
        {
            var n = _parent.Length;
            var labels = new int[n];
            var labelOfRoot = new Dictionary<int, int>();
            for (var i = 0; i < n; i++)
            {
                var root = Root(i);
                if (_size[root] < 2) { labels[i] = Dbscan.Noise; continue; }
                if (!labelOfRoot.TryGetValue(root, out var label)) labelOfRoot.Add(root, label = labelOfRoot.Count);
                labels[i] = label;
            }
            return labels;
        }

        private int Root(int i)
        {
            var root = i;
            while (_parent[root] != root) root = _parent[root];
            while (_parent[i] != root) (i, _parent[i]) = (_parent[i], root);
            return root;
        }

        private static double Square(double x) => x * x;

        private ReadOnlySpan<float> Row(int i) => new(_points, i * _dimension, _dimension);

        private static double[] ToDouble(ReadOnlySpan<float> row)
        {
            var result = new double[row.Length];
            for (var k = 0; k < row.Length; k++) result[k] = row[k];
            return result;
        }

        private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<float> b)
        {
            double sum = 0;
            for (var k = 0; k < a.Length; k++) sum += a[k] * b[k];
            return sum;
        }

        private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            double sum = 0;
            for (var k = 0; k < a.Length; k++) sum += (double)a[k] * b[k];
            return sum;
        }
    }
}
