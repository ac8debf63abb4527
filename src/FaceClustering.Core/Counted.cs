namespace FaceClustering.Core;

/// <summary>A count with its noun, singular for one ("1 file", "0 files", "2 files"): the one rule every summary line uses.</summary>
public static class Counted
{
    public static string Of(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
