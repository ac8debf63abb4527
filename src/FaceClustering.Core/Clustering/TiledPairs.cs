using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FaceClustering.Core.Clustering;

/// <summary>
/// Finds the neighbour pairs between a list of row points and a list of column points in tiles, the way a
/// matrix product does: the columns are packed into panels of 16 (coordinate-major), and a 6 x 16 register
/// tile of dot products is accumulated with one broadcast and two fused multiply-adds per coordinate and row,
/// eight pair-coordinates per instruction, instead of one pair at a time. Each dot product then goes through
/// <see cref="EpsNeighborhood.AreNeighbors(int,int,float)"/>, whose rounding bound and double-precision
/// re-check keep the decision exact. Memory: one packed copy of the column points.
///
/// Where the CPU has AVX-VNNI or AVX-512BW, the tiles are computed on the integer <see cref="QuantizedPoints"/>
/// instead, several times the products per instruction: the quantized distance, with its proven error bound,
/// only screens pairs out, and each pair it keeps gets its float32 dot product and the exact decision as above.
/// </summary>
internal sealed class TiledPairs
{
    private const int Rows = 6;
    private const int Panel = 16;

    /// <summary>How many bytes of packed columns one block holds: a part of a core's L2 cache (1-2 MB on the CPUs here).</summary>
    private const int ColumnBlockBytes = 256 * 1024;

    private readonly float[] _points;
    private readonly int _dimension;
    private readonly int[] _columns;
    private readonly float[] _panels; // panel p: for k in 0..dim-1, 16 floats (columns p*16 .. p*16+15, coordinate k)
    private readonly float[] _panelNorms; // squared norms of the columns, 16 per panel (0 in unused lanes)

    // The integer form (null where no integer kernel runs, see QuantizedPoints.KernelFor): per panel and group of 4 coordinates, 64 signed bytes (lanes 0-7 then
    // 8-15, 4 coordinates each); per column its part of the screen's threshold (see QuantizedScreen).
    private readonly QuantizedScreen? _screen;
    private readonly sbyte[] _bytePanels = [];
    private readonly int[] _columnThresholds = [];

    public TiledPairs(float[] points, int dimension, int[] columns, QuantizedPoints? quantized = null, EpsNeighborhood? space = null)
    {
        _points = points;
        _dimension = dimension;
        _columns = columns;
        var panels = (columns.Length + Panel - 1) / Panel;
        _panelNorms = new float[panels * Panel];
        for (var c = 0; c < columns.Length; c++)
        {
            var row = points.AsSpan(columns[c] * dimension, dimension);
            _panelNorms[c] = System.Numerics.Tensors.TensorPrimitives.Dot(row, row);
        }
        if (quantized is not null && space is not null && new QuantizedScreen(space, quantized) is { Usable: true } screen)
        {
            _panels = [];
            _screen = screen;
            _bytePanels = new sbyte[panels * Panel * dimension];
            _columnThresholds = new int[panels * Panel];
            Array.Fill(_columnThresholds, int.MaxValue / 2); // unused lanes never pass
            for (var c = 0; c < columns.Length; c++)
            {
                var (p, lane) = (c / Panel, c % Panel);
                var source = columns[c] * dimension;
                var target = p * Panel * dimension + (lane < 8 ? lane * 4 : 32 + (lane - 8) * 4);
                var sum = 0;
                for (var k = 0; k < dimension; k++)
                {
                    var q = (sbyte)(quantized.Unsigned[source + k] - quantized.Offset);
                    _bytePanels[target + (k / 4) * 2 * 32 + k % 4] = q;
                    sum += q;
                }
                _columnThresholds[c] = _screen.ColumnThreshold(columns[c], sum);
            }
            return;
        }
        _panels = new float[panels * Panel * dimension];
        for (var c = 0; c < columns.Length; c++)
        {
            var (p, lane) = (c / Panel, c % Panel);
            var source = columns[c] * dimension;
            var target = p * Panel * dimension + lane;
            for (var k = 0; k < dimension; k++) _panels[target + k * Panel] = points[source + k];
        }
    }

    /// <summary>
    /// Calls <paramref name="pair"/>(row point, column point) for every neighbour pair of the rows
    /// <paramref name="rows"/>[from..to) and the columns whose position is at least <paramref name="firstColumn"/>
    /// of the row's position, skipping a pair whose points are the same point. Pairs come row by row in column
    /// order within each block of columns, the blocks in order.
    /// </summary>
    public void ForEachNeighbor(EpsNeighborhood space, int[] rows, int from, int to, Func<int, int> firstColumn,
        Action<int, int> pair)
    {
        Span<float> tile = stackalloc float[_screen is null ? Rows * Panel : 0];
        Span<uint> near = stackalloc uint[Rows];
        Span<int> rowPoint = stackalloc int[Rows];
        Span<int> rowThreshold = stackalloc int[Rows];
        // Per row, once: where its columns start and its part of the screen's threshold (every block needs them).
        var starts = new int[to - from];
        var thresholds = new int[_screen is null ? 0 : to - from];
        for (var r = 0; r < starts.Length; r++)
        {
            starts[r] = Math.Max(0, firstColumn(from + r));
            if (_screen is not null) thresholds[r] = _screen.RowThreshold(rows[from + r]);
        }
        var panels = (_columns.Length + Panel - 1) / Panel;
        // Every row block of the call passes over one block of columns before the next block: the block stays in
        // the core's cache, where streaming all columns once per 6 rows made the search wait on memory as soon as
        // the packed columns outgrew the cache (a million faces: 128 MB of bytes).
        var blockPanels = Math.Max(1, ColumnBlockBytes / (Panel * _dimension * (_screen is null ? sizeof(float) : sizeof(sbyte))));
        for (var block = 0; block < panels; block += blockPanels)
        {
            var blockEnd = Math.Min(panels, block + blockPanels);
            for (var r0 = from; r0 < to; r0 += Rows)
            {
                var count = Math.Min(Rows, to - r0);
                var minColumn = starts.AsSpan(r0 - from, count);
                var first = int.MaxValue;
                foreach (var start in minColumn) first = Math.Min(first, start);
                var startPanel = Math.Max(block, first / Panel);
                if (startPanel >= blockEnd) continue;
                for (var r = 0; r < Rows; r++)
                {
                    var slot = r0 - from + Math.Min(r, count - 1); // a short last tile repeats its last row
                    rowPoint[r] = rows[from + slot];
                    if (_screen is not null) rowThreshold[r] = thresholds[slot];
                }
                for (var p = startPanel; p < blockEnd; p++)
                {
                    // Screen the 16 pairs of each row at once: most are far apart, and those cannot be neighbours.
                    if (_screen is not null)
                    {
                        if (_screen.Points.Kernel == QuantizedKernel.Vnni8) QuantizedTile(_screen.Points, rowPoint, rowThreshold, p, near);
                        else QuantizedTile512(_screen.Points, rowPoint, rowThreshold, p, near);
                    }
                    else
                    {
                        Tile(rowPoint, p, tile);
                        for (var r = 0; r < count; r++) near[r] = NearLanes(space, rowPoint[r], tile.Slice(r * Panel, Panel), p);
                    }
                    var lanes = Math.Min(Panel, _columns.Length - p * Panel);
                    var usedLanes = (1u << lanes) - 1;
                    for (var r = 0; r < count; r++)
                    {
                        var i = rowPoint[r];
                        for (var bits = near[r] & usedLanes; bits != 0; bits &= bits - 1)
                        {
                            var lane = System.Numerics.BitOperations.TrailingZeroCount(bits);
                            var c = p * Panel + lane;
                            if (c < minColumn[r]) continue;
                            var j = _columns[c];
                            if (j == i) continue;
                            // The 8-bit screen has no float dot product for the pair: compute it for the exact decision.
                            var dot = _screen is null ? tile[r * Panel + lane] : System.Numerics.Tensors.TensorPrimitives.Dot(space.Row(i), space.Row(j));
                            if (space.AreNeighbors(i, j, dot)) pair(i, j);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The 6 x 16 tile of exact integer dot products of the quantized rows and a panel of quantized columns,
    /// screened: bit l of <paramref name="near"/>[r] is set when the pair may be within eps.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void QuantizedTile(QuantizedPoints quantized, ReadOnlySpan<int> rowPoint, ReadOnlySpan<int> rowThreshold, int panel,
        Span<uint> near)
    {
        var a0 = rowPoint[0] * _dimension;
        var a1 = rowPoint[1] * _dimension;
        var a2 = rowPoint[2] * _dimension;
        var a3 = rowPoint[3] * _dimension;
        var a4 = rowPoint[4] * _dimension;
        var a5 = rowPoint[5] * _dimension;
        var b = panel * Panel * _dimension;
        ref var rows = ref quantized.Unsigned[0];
        ref var panels = ref Unsafe.As<sbyte, byte>(ref _bytePanels[0]);
        Vector256<int> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<int> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var k = 0; k < _dimension; k += 4)
        {
            var b0 = Vector256.LoadUnsafe(ref panels, (nuint)(b + k * Panel)).AsSByte();
            var b1 = Vector256.LoadUnsafe(ref panels, (nuint)(b + k * Panel + 32)).AsSByte();
            var x = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref rows, a0 + k))).AsByte();
            c00 = AvxVnni.MultiplyWideningAndAdd(c00, x, b0); c01 = AvxVnni.MultiplyWideningAndAdd(c01, x, b1);
            x = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref rows, a1 + k))).AsByte();
            c10 = AvxVnni.MultiplyWideningAndAdd(c10, x, b0); c11 = AvxVnni.MultiplyWideningAndAdd(c11, x, b1);
            x = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref rows, a2 + k))).AsByte();
            c20 = AvxVnni.MultiplyWideningAndAdd(c20, x, b0); c21 = AvxVnni.MultiplyWideningAndAdd(c21, x, b1);
            x = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref rows, a3 + k))).AsByte();
            c30 = AvxVnni.MultiplyWideningAndAdd(c30, x, b0); c31 = AvxVnni.MultiplyWideningAndAdd(c31, x, b1);
            x = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref rows, a4 + k))).AsByte();
            c40 = AvxVnni.MultiplyWideningAndAdd(c40, x, b0); c41 = AvxVnni.MultiplyWideningAndAdd(c41, x, b1);
            x = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref rows, a5 + k))).AsByte();
            c50 = AvxVnni.MultiplyWideningAndAdd(c50, x, b0); c51 = AvxVnni.MultiplyWideningAndAdd(c51, x, b1);
        }
        var t0 = Vector256.Create(_columnThresholds.AsSpan(panel * Panel, 8));
        var t1 = Vector256.Create(_columnThresholds.AsSpan(panel * Panel + 8, 8));
        near[0] = Near(c00, c01, t0, t1, rowThreshold[0]);
        near[1] = Near(c10, c11, t0, t1, rowThreshold[1]);
        near[2] = Near(c20, c21, t0, t1, rowThreshold[2]);
        near[3] = Near(c30, c31, t0, t1, rowThreshold[3]);
        near[4] = Near(c40, c41, t0, t1, rowThreshold[4]);
        near[5] = Near(c50, c51, t0, t1, rowThreshold[5]);
    }

    /// <summary>
    /// The same tile with AVX-512BW on 7-bit values: per row and group of 8 coordinates, two vpmaddubsw (pairs of
    /// byte products, at most 2·127·63 each, so their sum still fits 16 bits), one 16-bit add and one vpmaddwd
    /// against ones to widen, for all 16 columns of the panel at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void QuantizedTile512(QuantizedPoints quantized, ReadOnlySpan<int> rowPoint, ReadOnlySpan<int> rowThreshold, int panel,
        Span<uint> near)
    {
        var a0 = rowPoint[0] * _dimension;
        var a1 = rowPoint[1] * _dimension;
        var a2 = rowPoint[2] * _dimension;
        var a3 = rowPoint[3] * _dimension;
        var a4 = rowPoint[4] * _dimension;
        var a5 = rowPoint[5] * _dimension;
        var b = panel * Panel * _dimension;
        ref var rows = ref quantized.Unsigned[0];
        ref var panels = ref Unsafe.As<sbyte, byte>(ref _bytePanels[0]);
        var ones = Vector512.Create((short)1);
        Vector512<int> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        for (var k = 0; k < _dimension; k += 8)
        {
            var b0 = Vector512.LoadUnsafe(ref panels, (nuint)(b + k * Panel)).AsSByte();
            var b1 = Vector512.LoadUnsafe(ref panels, (nuint)(b + (k + 4) * Panel)).AsSByte();
            c0 += Pairs(ref rows, a0 + k, b0, b1, ones);
            c1 += Pairs(ref rows, a1 + k, b0, b1, ones);
            c2 += Pairs(ref rows, a2 + k, b0, b1, ones);
            c3 += Pairs(ref rows, a3 + k, b0, b1, ones);
            c4 += Pairs(ref rows, a4 + k, b0, b1, ones);
            c5 += Pairs(ref rows, a5 + k, b0, b1, ones);
        }
        var t = Vector512.Create(_columnThresholds.AsSpan(panel * Panel, Panel));
        near[0] = Near(c0, t, rowThreshold[0]);
        near[1] = Near(c1, t, rowThreshold[1]);
        near[2] = Near(c2, t, rowThreshold[2]);
        near[3] = Near(c3, t, rowThreshold[3]);
        near[4] = Near(c4, t, rowThreshold[4]);
        near[5] = Near(c5, t, rowThreshold[5]);
    }

    /// <summary>Per column lane, the dot product of 8 row bytes (at <paramref name="at"/>) with the lane's 8 column bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Pairs(ref byte rows, int at, Vector512<sbyte> b0, Vector512<sbyte> b1, Vector512<short> ones)
    {
        var x0 = Vector512.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref rows, at))).AsByte();
        var x1 = Vector512.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref rows, at + 4))).AsByte();
        var sums = Avx512BW.MultiplyAddAdjacent(x0, b0) + Avx512BW.MultiplyAddAdjacent(x1, b1);
        return Avx512BW.MultiplyAddAdjacent(sums, ones);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Near(Vector512<int> dots, Vector512<int> thresholds, int row) =>
        (uint)Vector512.GreaterThanOrEqual(dots, thresholds + Vector512.Create(row)).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Near(Vector256<int> dots0, Vector256<int> dots1, Vector256<int> t0, Vector256<int> t1, int row)
    {
        var r = Vector256.Create(row);
        return Vector256.GreaterThanOrEqual(dots0, t0 + r).ExtractMostSignificantBits()
               | (Vector256.GreaterThanOrEqual(dots1, t1 + r).ExtractMostSignificantBits() << 8);
    }

    /// <summary>
    /// Bit l set when pair (i, lane l) may be within eps: its float32 squared distance is at most eps² plus the
    /// rounding bound of <see cref="EpsNeighborhood"/> taken twice, so nothing it would call a neighbour, or
    /// re-check in double precision, is screened out.
    /// </summary>
    private uint NearLanes(EpsNeighborhood space, int i, ReadOnlySpan<float> dots, int panel)
    {
        var nj0 = Vector256.Create(_panelNorms.AsSpan(panel * Panel, 8));
        var nj1 = Vector256.Create(_panelNorms.AsSpan(panel * Panel + 8, 8));
        var ni = Vector256.Create(space.SquaredNorm(i));
        var eps2 = Vector256.Create(space.Eps2f);
        var perNorm = Vector256.Create(2 * space.TolerancePerNorm); // twice the bound: a superset, whatever the rounding order
        var two = Vector256.Create(2f);
        var d0 = ni + nj0 - two * Vector256.Create(dots[..8]);
        var d1 = ni + nj1 - two * Vector256.Create(dots.Slice(8, 8));
        var m0 = Vector256.LessThanOrEqual(d0, eps2 + perNorm * (ni + nj0) + Vector256.Create(1e-30f)).ExtractMostSignificantBits();
        var m1 = Vector256.LessThanOrEqual(d1, eps2 + perNorm * (ni + nj1) + Vector256.Create(1e-30f)).ExtractMostSignificantBits();
        return m0 | (m1 << 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Tile(ReadOnlySpan<int> rowPoint, int panel, Span<float> tile)
    {
        var a0 = rowPoint[0] * _dimension;
        var a1 = rowPoint[1] * _dimension;
        var a2 = rowPoint[2] * _dimension;
        var a3 = rowPoint[3] * _dimension;
        var a4 = rowPoint[4] * _dimension;
        var a5 = rowPoint[5] * _dimension;
        var b = panel * Panel * _dimension;
        ref var points = ref _points[0];
        ref var panels = ref _panels[0];
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var k = 0; k < _dimension; k++)
        {
            var b0 = Vector256.LoadUnsafe(ref panels, (nuint)(b + k * Panel));
            var b1 = Vector256.LoadUnsafe(ref panels, (nuint)(b + k * Panel + 8));
            var x = Vector256.Create(Unsafe.Add(ref points, a0 + k));
            c00 = MultiplyAdd(x, b0, c00); c01 = MultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref points, a1 + k));
            c10 = MultiplyAdd(x, b0, c10); c11 = MultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref points, a2 + k));
            c20 = MultiplyAdd(x, b0, c20); c21 = MultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref points, a3 + k));
            c30 = MultiplyAdd(x, b0, c30); c31 = MultiplyAdd(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref points, a4 + k));
            c40 = MultiplyAdd(x, b0, c40); c41 = MultiplyAdd(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref points, a5 + k));
            c50 = MultiplyAdd(x, b0, c50); c51 = MultiplyAdd(x, b1, c51);
        }
        ref var t = ref tile[0];
        c00.StoreUnsafe(ref t, 0); c01.StoreUnsafe(ref t, 8);
        c10.StoreUnsafe(ref t, 16); c11.StoreUnsafe(ref t, 24);
        c20.StoreUnsafe(ref t, 32); c21.StoreUnsafe(ref t, 40);
        c30.StoreUnsafe(ref t, 48); c31.StoreUnsafe(ref t, 56);
        c40.StoreUnsafe(ref t, 64); c41.StoreUnsafe(ref t, 72);
        c50.StoreUnsafe(ref t, 80); c51.StoreUnsafe(ref t, 88);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;
}
