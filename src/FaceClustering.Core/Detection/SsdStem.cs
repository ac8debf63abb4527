using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaceClustering.Core.Models;

namespace FaceClustering.Core.Detection;

/// <summary>
/// The first two layers of face-api's SSD MobileNet v1 in float, fused, for the 8-bit network: the 3x3 stride-2
/// convolution (3 channels in, 32 out, ReLU6) and the first 3x3 depthwise layer (batch norm folded in, ReLU6),
/// quantized to uint8 over 0..6 as the 8-bit layers that follow take it. ONNX Runtime runs these two layers poorly
/// (measured with its profiler: half the 8-bit network's time, in float or in 8 bits, the input having 3 channels
/// and the depthwise layer 32 at half the input's resolution); here each output row of the convolution is made
/// once, kept in a ring of three rows, and the depthwise layer and quantization follow while it is in cache.
/// TensorFlow's 'same' padding throughout.
/// </summary>
internal sealed class SsdStem
{
    public const int Channels = 32;
    private const int InputChannels = 3;
    private const float QuantizationScale = SsdMobilenetNet.Relu6Scale;

    private readonly float[] _convWeights; // [c][ky][kx][o]
    private readonly float[] _convBias;
    private readonly float[] _depthwise; // [o][ky][kx]
    private readonly float[] _depthwiseBias;

    public SsdStem(TfjsWeights w, float batchNormEpsilon)
    {
        var conv = w["MobilenetV1/Conv2d_0_pointwise/weights"]; // HWIO 3x3x3x32
        if (conv.Shape is not [3, 3, InputChannels, Channels])
            throw new InvalidDataException("the SSD's first convolution is not 3x3x3x32");
        _convWeights = new float[conv.Count];
        for (var ky = 0; ky < 3; ky++)
        for (var kx = 0; kx < 3; kx++)
        for (var c = 0; c < InputChannels; c++)
        for (var o = 0; o < Channels; o++)
            _convWeights[((c * 3 + ky) * 3 + kx) * Channels + o] = conv.Values[((ky * 3 + kx) * InputChannels + c) * Channels + o];
        _convBias = w["MobilenetV1/Conv2d_0_pointwise/convolution_bn_offset"].Values;

        const string prefix = "MobilenetV1/Conv2d_1_depthwise";
        var depthwise = w[$"{prefix}/depthwise_weights"]; // H, W, C, 1
        var gamma = w[$"{prefix}/BatchNorm/gamma"].Values;
        var beta = w[$"{prefix}/BatchNorm/beta"].Values;
        var mean = w[$"{prefix}/BatchNorm/moving_mean"].Values;
        var variance = w[$"{prefix}/BatchNorm/moving_variance"].Values;
        _depthwise = new float[Channels * 9];
        _depthwiseBias = new float[Channels];
        for (var o = 0; o < Channels; o++)
        {
            var scale = gamma[o] / MathF.Sqrt(variance[o] + batchNormEpsilon);
            for (var k = 0; k < 9; k++) _depthwise[o * 9 + k] = depthwise.Values[k * Channels + o] * scale;
            _depthwiseBias[o] = beta[o] - mean[o] * scale;
        }
    }

    // Working rows, kept between runs (a large input's ring is some hundreds of KB), per thread: the workers of an
    // encode run share one network.
    [ThreadStatic] private static float[]? t_even, t_odd, t_ring, t_inputRows;
    [ThreadStatic] private static uint[]? t_depthwiseRow;

    private static T[] Scratch<T>(ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new T[length];
        return buffer;
    }

    public static (int Height, int Width) OutputSize(int height, int width) => ((height + 1) / 2, (width + 1) / 2);

    /// <summary>
    /// <paramref name="input"/> from <paramref name="offset"/>: 3 x height x width, normalized (pixel / 127.5 - 1);
    /// <paramref name="output"/>: 32 x ceil(height/2) x ceil(width/2) bytes, value / 255 * 6 being the depthwise
    /// layer's ReLU6 output.
    /// </summary>
    public void Run(float[] input, int offset, int height, int width, Span<byte> output)
    {
        if (input.Length < offset + InputChannels * height * width) throw new ArgumentException("input too small", nameof(input));
        var plane = height * width;
        Run((y, c0, c1, c2) =>
        {
            input.AsSpan(offset + y * width, width).CopyTo(c0);
            input.AsSpan(offset + plane + y * width, width).CopyTo(c1);
            input.AsSpan(offset + 2 * plane + y * width, width).CopyTo(c2);
        }, height, width, output);
    }

    /// <summary>
    /// The same with the input's rows asked for as they are needed (each once), so that a large input need never
    /// be held whole: <paramref name="rows"/> writes row y's three channels, normalized.
    /// </summary>
    public void Run(RowSource rows, int height, int width, Span<byte> output)
    {
        var (outH, outW) = OutputSize(height, width);
        if (output.Length < Channels * outH * outW) throw new ArgumentException("output too small", nameof(output));
        var padTop = Math.Max((outH - 1) * 2 + 3 - height, 0) / 2;
        var padLeft = Math.Max((outW - 1) * 2 + 3 - width, 0) / 2;
        var lanes = Vector<float>.Count;
        var span = (outW + lanes - 1) / lanes * lanes; // row length rounded up to whole vectors
        var rowStride = span + 2; // one zero on each side for the depthwise layer
        // Input rows split into even and odd columns (after the left padding): output column x reads even[x],
        // odd[x] and even[x + 1].
        var even = Scratch(ref t_even, InputChannels * 3 * (span + 1));
        var odd = Scratch(ref t_odd, InputChannels * 3 * span);
        var ring = Scratch(ref t_ring, 3 * Channels * rowStride); // conv rows y-1, y, y+1 (by y mod 3), each padded
        var depthwiseRow = Scratch(ref t_depthwiseRow, span + Vector<byte>.Count);
        var input = new InputRows(rows, Scratch(ref t_inputRows, 3 * InputChannels * width), width, height);

        for (var y = 0; y <= outH; y++)
        {
            if (y < outH) ConvRow(input, y, padTop, padLeft, span, even, odd, ring.AsSpan((y % 3) * Channels * rowStride, Channels * rowStride), rowStride, outW);
            var target = y - 1;
            if (target < 0) continue;
            DepthwiseRow(ring, rowStride, target, outH, outW, span, depthwiseRow, output);
        }
    }

    /// <summary>Writes input row <paramref name="y"/>'s three channels (normalized) into c0, c1 and c2.</summary>
    public delegate void RowSource(int y, Span<float> c0, Span<float> c1, Span<float> c2);

    /// <summary>
    /// The last three input rows asked for (an output row reads three, the next one shares the last): each row is
    /// fetched from the source once.
    /// </summary>
    private readonly struct InputRows(RowSource source, float[] rows, int width, int height)
    {
        private readonly int[] _held = [-1, -1, -1];

        public int Height => height;

        public ReadOnlySpan<float> Channel(int y, int channel)
        {
            var slot = y % 3;
            var at = slot * InputChannels * width;
            if (_held[slot] != y)
            {
                source(y, rows.AsSpan(at, width), rows.AsSpan(at + width, width), rows.AsSpan(at + 2 * width, width));
                _held[slot] = y;
            }
            return rows.AsSpan(at + channel * width, width);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Tap(Vector<float> v, float* w, ref Vector<float> a0, ref Vector<float> a1, ref Vector<float> a2,
        ref Vector<float> a3, ref Vector<float> a4, ref Vector<float> a5, ref Vector<float> a6, ref Vector<float> a7)
    {
        a0 = Vector.FusedMultiplyAdd(v, new Vector<float>(w[0]), a0);
        a1 = Vector.FusedMultiplyAdd(v, new Vector<float>(w[1]), a1);
        a2 = Vector.FusedMultiplyAdd(v, new Vector<float>(w[2]), a2);
        a3 = Vector.FusedMultiplyAdd(v, new Vector<float>(w[3]), a3);
        a4 = Vector.FusedMultiplyAdd(v, new Vector<float>(w[4]), a4);
        a5 = Vector.FusedMultiplyAdd(v, new Vector<float>(w[5]), a5);
        a6 = Vector.FusedMultiplyAdd(v, new Vector<float>(w[6]), a6);
        a7 = Vector.FusedMultiplyAdd(v, new Vector<float>(w[7]), a7);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // vector code: straight to optimized, no slow first photos
    private unsafe void ConvRow(InputRows input, int y, int padTop, int padLeft, int span,
        float[] even, float[] odd, Span<float> rows, int rowStride, int outW)
    {
        var lanes = Vector<float>.Count;
        Span<bool> present = stackalloc bool[InputChannels * 3];
        for (var c = 0; c < InputChannels; c++)
        for (var ky = 0; ky < 3; ky++)
        {
            var source = 2 * y + ky - padTop;
            if ((uint)source >= (uint)input.Height) continue;
            present[c * 3 + ky] = true;
            var row = input.Channel(source, c);
            var width = row.Length;
            var e = even.AsSpan((c * 3 + ky) * (span + 1), span + 1);
            var o = odd.AsSpan((c * 3 + ky) * span, span);
            var start = 0;
            if (padLeft == 0)
            {
                // Pairs of floats read as 64-bit lanes: the low halves are the even columns, the high the odd.
                var pairs = MemoryMarshal.Cast<float, ulong>(row);
                var count = Vector<ulong>.Count;
                for (var i = 0; i + 2 * count <= pairs.Length && i + 2 * count <= span; i += 2 * count)
                {
                    var first = new Vector<ulong>(pairs.Slice(i));
                    var second = new Vector<ulong>(pairs.Slice(i + count));
                    Vector.AsVectorSingle(Vector.Narrow(first, second)).CopyTo(e.Slice(i));
                    Vector.AsVectorSingle(Vector.Narrow(Vector.ShiftRightLogical(first, 32), Vector.ShiftRightLogical(second, 32))).CopyTo(o.Slice(i));
                    start = 2 * (i + 2 * count);
                }
            }
            for (var x = start; x < width; x++)
            {
                var p = x + padLeft;
                if ((p & 1) == 0) { if (p / 2 <= span) e[p / 2] = row[x]; }
                else if (p / 2 < span) o[p / 2] = row[x];
            }
            // The padding on either side reads as zero (padded columns [padLeft, end) hold the row). Rows that are
            // padding as a whole are not read at all (see present).
            var end = width + padLeft;
            e[..((padLeft + 1) / 2)].Clear();
            e[Math.Min(e.Length, (end + 1) / 2)..].Clear();
            o[..(padLeft / 2)].Clear();
            o[Math.Min(o.Length, end / 2)..].Clear();
        }

        fixed (float* evenBase = even, oddBase = odd, weights = _convWeights, bias = _convBias)
        fixed (float* rowBase = rows)
        {
            for (var group = 0; group < Channels; group += 8)
            {
                for (var x = 0; x < span; x += lanes)
                {
                    Vector<float> a0 = new(bias[group]), a1 = new(bias[group + 1]), a2 = new(bias[group + 2]), a3 = new(bias[group + 3]),
                        a4 = new(bias[group + 4]), a5 = new(bias[group + 5]), a6 = new(bias[group + 6]), a7 = new(bias[group + 7]);
                    for (var tap = 0; tap < InputChannels * 3; tap++)
                    {
                        if (!present[tap]) continue;
                        var e = evenBase + tap * (span + 1) + x;
                        var o = oddBase + tap * span + x;
                        var w = weights + tap * 3 * Channels + group;
                        Tap(Vector.Load(e), w, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
                        Tap(Vector.Load(o), w + Channels, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
                        Tap(Vector.Load(e + 1), w + 2 * Channels, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
                    }
                    var target = rowBase + group * rowStride + 1 + x;
                    Vector.Store(Relu6(a0), target);
                    Vector.Store(Relu6(a1), target + rowStride);
                    Vector.Store(Relu6(a2), target + 2 * rowStride);
                    Vector.Store(Relu6(a3), target + 3 * rowStride);
                    Vector.Store(Relu6(a4), target + 4 * rowStride);
                    Vector.Store(Relu6(a5), target + 5 * rowStride);
                    Vector.Store(Relu6(a6), target + 6 * rowStride);
                    Vector.Store(Relu6(a7), target + 7 * rowStride);
                }
            }
        }
        // Columns past the output width are padding for the depthwise layer: zero.
        for (var ch = 0; ch < Channels; ch++)
        {
            rows[ch * rowStride] = 0;
            rows.Slice(ch * rowStride + 1 + outW, rowStride - 1 - outW).Clear();
        }
    }

    private static Vector<float> Relu6(Vector<float> v) => Vector.Min(Vector.Max(v, Vector<float>.Zero), new Vector<float>(6f));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void DepthwiseRow(float[] ring, int rowStride, int y, int outH, int outW, int span, uint[] row, Span<byte> output)
    {
        var lanes = Vector<float>.Count;
        var six = new Vector<float>(6f);
        var toByte = new Vector<float>(1f / QuantizationScale);
        var half = new Vector<float>(0.5f);
        fixed (float* ringBase = ring, weights = _depthwise)
        fixed (uint* rowBase = row)
        for (var ch = 0; ch < Channels; ch++)
        {
            var w = weights + ch * 9;
            var up = y > 0 ? ringBase + (((y - 1) % 3) * Channels + ch) * rowStride : null;
            var mid = ringBase + ((y % 3) * Channels + ch) * rowStride;
            var down = y + 1 < outH ? ringBase + (((y + 1) % 3) * Channels + ch) * rowStride : null;
            Vector<float> w0 = new(w[0]), w1 = new(w[1]), w2 = new(w[2]), w3 = new(w[3]), w4 = new(w[4]),
                w5 = new(w[5]), w6 = new(w[6]), w7 = new(w[7]), w8 = new(w[8]);
            var bias = new Vector<float>(_depthwiseBias[ch]);
            for (var x = 0; x < span; x += lanes)
            {
                var acc = Vector.FusedMultiplyAdd(Vector.Load(mid + x), w3, bias);
                acc = Vector.FusedMultiplyAdd(Vector.Load(mid + x + 1), w4, acc);
                acc = Vector.FusedMultiplyAdd(Vector.Load(mid + x + 2), w5, acc);
                if (up != null)
                {
                    acc = Vector.FusedMultiplyAdd(Vector.Load(up + x), w0, acc);
                    acc = Vector.FusedMultiplyAdd(Vector.Load(up + x + 1), w1, acc);
                    acc = Vector.FusedMultiplyAdd(Vector.Load(up + x + 2), w2, acc);
                }
                if (down != null)
                {
                    acc = Vector.FusedMultiplyAdd(Vector.Load(down + x), w6, acc);
                    acc = Vector.FusedMultiplyAdd(Vector.Load(down + x + 1), w7, acc);
                    acc = Vector.FusedMultiplyAdd(Vector.Load(down + x + 2), w8, acc);
                }
                var v = Vector.Min(Vector.Max(acc, Vector<float>.Zero), six);
                Vector.Store(Vector.ConvertToUInt32(v * toByte + half), rowBase + x);
            }
            var target = output.Slice((ch * outH + y) * outW, outW);
            var bytes = Vector<byte>.Count;
            var at = 0;
            for (; at + bytes <= outW; at += bytes)
            {
                var quarter = Vector<uint>.Count;
                var low = Vector.Narrow(new Vector<uint>(row.AsSpan(at)), new Vector<uint>(row.AsSpan(at + quarter)));
                var high = Vector.Narrow(new Vector<uint>(row.AsSpan(at + 2 * quarter)), new Vector<uint>(row.AsSpan(at + 3 * quarter)));
                Vector.Narrow(low, high).CopyTo(target.Slice(at));
            }
            for (; at < outW; at++) target[at] = (byte)row[at];
        }
    }
}
