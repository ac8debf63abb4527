namespace FaceClustering.Core.Landmarks;

/// <summary>68 facial landmarks (iBUG layout) in image pixels.</summary>
public sealed record FaceLandmarks(double[] X, double[] Y)
{
    /// <summary>The index each point takes in a horizontally mirrored face (left and right swap).</summary>
    public static readonly int[] MirrorPermutation = BuildMirror();

    private static int[] BuildMirror()
    {
        var map = Enumerable.Range(0, 68).ToArray();
        void Pair(int a, int b) { map[a] = b; map[b] = a; }
        for (var i = 0; i < 8; i++) Pair(i, 16 - i); // jaw
        for (var i = 0; i < 5; i++) Pair(17 + i, 26 - i); // eyebrows
        Pair(31, 35); Pair(32, 34); // nose bottom
        Pair(36, 45); Pair(37, 44); Pair(38, 43); Pair(39, 42); Pair(40, 47); Pair(41, 46); // eyes
        Pair(48, 54); Pair(49, 53); Pair(50, 52); Pair(55, 59); Pair(56, 58); // outer lips
        Pair(60, 64); Pair(61, 63); Pair(65, 67); // inner lips
        return map;
    }
}
