using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace FaceClustering.Core.Inference;

/// <summary>
/// Builds an ONNX graph in memory (NCHW, batch dimension symbolic), tracking each tensor's shape so that
/// TensorFlow's 'same' padding, which pads more at the end than at the start, can be written out explicitly.
/// A size given as <see cref="Any"/> is symbolic (an input of any height or width); 'same' padding is then
/// ONNX's <c>SAME_UPPER</c>, which pads as TensorFlow does.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private const string Batch = "N";
    private readonly GraphProto _graph = new() { Name = "graph" };
    private readonly Dictionary<string, int[]> _shapes = new(StringComparer.Ordinal); // C, H, W (or features)
    private int _next;

    public enum Padding { Same, Valid }

    /// <summary>A dimension whose size is known only at run time.</summary>
    public const int Any = -1;

    /// <summary>Shape of a tensor without its batch dimension.</summary>
    public int[] ShapeOf(string tensor) => _shapes[tensor];

    public string Input(string name, params int[] shape) => Input(name, TensorProto.Types.DataType.Float, shape);

    /// <summary>A graph input of 8-bit values (uint8).</summary>
    public string ByteInput(string name, params int[] shape) => Input(name, TensorProto.Types.DataType.Uint8, shape);

    private string Input(string name, TensorProto.Types.DataType type, int[] shape)
    {
        _graph.Input.Add(ValueInfo(name, shape, type));
        _shapes[name] = shape;
        return name;
    }

    public void Output(string tensor, string name)
    {
        var renamed = Node("Identity", [tensor], [], name);
        _graph.Output.Add(ValueInfo(renamed, _shapes[tensor]));
        _shapes[renamed] = _shapes[tensor];
    }

    public string Constant(float[] values, params long[] dims) => Raw(TensorProto.Types.DataType.Float, Bytes(values), dims);

    private string Raw(TensorProto.Types.DataType type, byte[] bytes, long[] dims)
    {
        var name = $"c{_next++}";
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A uint8 constant; a scalar when no dimensions are given.</summary>
    public string ByteConstant(byte[] values, params long[] dims) => Raw(TensorProto.Types.DataType.Uint8, values, dims);

    public string Int32Constant(int[] values) => Raw(TensorProto.Types.DataType.Int32, Bytes(values), [values.Length]);

    /// <summary>The values' bytes, little-endian as ONNX requires (so is every machine .NET runs on here).</summary>
    private static byte[] Bytes<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public string Int64Constant(params long[] values) => Raw(TensorProto.Types.DataType.Int64, Bytes(values), [values.Length]);

    /// <summary>A per-channel constant shaped [C, 1, 1] to broadcast over NCHW.</summary>
    public string ChannelConstant(float[] values) => Constant(values, values.Length, 1, 1);

    /// <summary>Convolution with a TF.js HWIO filter (or H, W, C, 1 depthwise filter when <paramref name="depthwise"/>).</summary>
    public string Conv(string x, int[] filterShape, float[] filterHwio, float[]? bias, int stride, Padding padding, bool depthwise = false)
    {
        var (kh, kw, cin, cout) = (filterShape[0], filterShape[1], filterShape[2], filterShape[3]);
        var input = _shapes[x];
        var outChannels = depthwise ? cin * cout : cout;
        var weights = ToOihw(filterShape, filterHwio, depthwise);
        List<string> inputs = [x, Constant(weights, outChannels, depthwise ? 1 : cin, kh, kw)];
        if (bias is not null) inputs.Add(Constant(bias, bias.Length));
        var (attributes, outH, outW) = ConvAttributes(input, kh, kw, stride, padding, depthwise ? cin : 1);
        var y = Node("Conv", inputs.ToArray(), attributes);
        _shapes[y] = [outChannels, outH, outW];
        return y;
    }

    /// <summary>uint8 to float: (q - zeroPoint) * scale.</summary>
    public string DequantizeLinear(string q, float scale, byte zeroPoint) =>
        Keep(q, Node("DequantizeLinear", [q, Constant([scale]), ByteConstant([zeroPoint])], []));

    /// <summary>
    /// An 8-bit convolution (ONNX QLinearConv) of a uint8 tensor whose real value is (q - xZero) * xScale, with a
    /// TF.js HWIO (or depthwise) float filter quantized here per output channel and a float bias, written out as
    /// uint8 with real value (q - yZero) * yScale, saturated: with yZero 0 and yScale 6/255 the saturation is ReLU6.
    /// Filters are signed (symmetric, zero point 0) when <paramref name="signedWeights"/>, else unsigned around 128.
    /// </summary>
    public string QLinearConv(string x, float xScale, byte xZero, int[] filterShape, float[] filterHwio, float[] bias,
        int stride, Padding padding, bool depthwise, float yScale, byte yZero, bool signedWeights)
    {
        var (kh, kw, cin, cout) = (filterShape[0], filterShape[1], filterShape[2], filterShape[3]);
        var input = _shapes[x];
        var outChannels = depthwise ? cin * cout : cout;
        var weights = ToOihw(filterShape, filterHwio, depthwise);
        var perChannel = weights.Length / outChannels;
        var scales = new float[outChannels];
        var biasQ = new int[outChannels];
        var quantized = new byte[weights.Length]; // two's complement bytes when signed, offset by 128 when not
        for (var o = 0; o < outChannels; o++)
        {
            var w = weights.AsSpan(o * perChannel, perChannel);
            var largest = 0f;
            foreach (var v in w) largest = Math.Max(largest, Math.Abs(v));
            var scale = largest > 0 ? largest / 127f : 1f;
            scales[o] = scale;
            for (var i = 0; i < perChannel; i++)
            {
                var q = (int)MathF.Round(w[i] / scale);
                quantized[o * perChannel + i] = (byte)(signedWeights ? q : q + 128);
            }
            biasQ[o] = (int)Math.Round(bias[o] / ((double)xScale * scale));
        }
        long[] dims = [outChannels, depthwise ? 1 : cin, kh, kw];
        var type = signedWeights ? TensorProto.Types.DataType.Int8 : TensorProto.Types.DataType.Uint8;
        var filter = Raw(type, quantized, dims);
        var filterZero = Raw(type, Enumerable.Repeat(signedWeights ? (byte)0 : (byte)128, outChannels).ToArray(), [outChannels]);
        var (attributes, outH, outW) = ConvAttributes(input, kh, kw, stride, padding, depthwise ? cin : 1);
        var y = Node("QLinearConv", [
            x, Constant([xScale]), ByteConstant([xZero]),
            filter, Constant(scales, outChannels), filterZero,
            Constant([yScale]), ByteConstant([yZero]),
            Int32Constant(biasQ),
        ], attributes);
        _shapes[y] = [outChannels, outH, outW];
        return y;
    }

    public string Add(string a, string b) => Same("Add", a, b);
    public string Sub(string a, string b) => Same("Sub", a, b);
    public string Mul(string a, string b) => Same("Mul", a, b);
    public string Div(string a, string b) => Same("Div", a, b);
    public string Relu(string x) => Same("Relu", x);
    public string Sigmoid(string x) => Same("Sigmoid", x);

    public string Clip(string x, float min, float max) =>
        Keep(x, Node("Clip", [x, Constant([min]), Constant([max])], []));

    public string BatchNorm(string x, float[] scale, float[] offset, float[] mean, float[] variance, float epsilon) =>
        Keep(x, Node("BatchNormalization", [x, Constant(scale, scale.Length), Constant(offset, offset.Length),
            Constant(mean, mean.Length), Constant(variance, variance.Length)], [Float("epsilon", epsilon)]));

    public string MaxPool(string x, int kernel, int stride) => Pool("MaxPool", x, kernel, stride);
    public string AveragePool(string x, int kernel, int stride) => Pool("AveragePool", x, kernel, stride);

    /// <summary>Zero padding at the end of the channel, height and width axes.</summary>
    public string PadEnd(string x, int channels, int height, int width)
    {
        var s = _shapes[x];
        var y = Node("Pad", [x, Int64Constant(0, 0, 0, 0, 0, channels, height, width)], []);
        _shapes[y] = [s[0] + channels, s[1] + height, s[2] + width];
        return y;
    }

    public string GlobalAveragePool(string x)
    {
        var y = Node("GlobalAveragePool", [x], []);
        _shapes[y] = [_shapes[x][0], 1, 1];
        return y;
    }

    /// <summary>N, C, H, W -> N, C*H*W.</summary>
    public string Flatten(string x)
    {
        var y = Node("Flatten", [x], [Int("axis", 1)]);
        _shapes[y] = [_shapes[x].Aggregate(1, (a, b) => a * b)];
        return y;
    }

    /// <summary>x [N, K] times a [K, M] weight matrix, plus an optional bias.</summary>
    public string Dense(string x, float[] weights, int inputs, int outputs, float[]? bias)
    {
        var y = Node("MatMul", [x, Constant(weights, inputs, outputs)], []);
        _shapes[y] = [outputs];
        return bias is null ? y : Keep(y, Node("Add", [y, Constant(bias, outputs)], []));
    }

    /// <summary>TF's NHWC flattening of a conv output: N, C, H, W -> N, H*W*C/last, last.</summary>
    public string ToRowsNhwc(string x, int last)
    {
        var s = _shapes[x];
        var t = Node("Transpose", [x], [Ints("perm", 0, 2, 3, 1)]);
        var y = Node("Reshape", [t, Int64Constant(0, -1, last)], []);
        _shapes[y] = [s.Contains(Any) ? Any : s[0] * s[1] * s[2] / last, last];
        return y;
    }

    public string Concat(int axisWithoutBatch, params string[] xs)
    {
        var y = Node("Concat", xs, [Int("axis", axisWithoutBatch + 1)]);
        var shape = (int[])_shapes[xs[0]].Clone();
        var sizes = xs.Select(t => _shapes[t][axisWithoutBatch]).ToList();
        shape[axisWithoutBatch] = sizes.Contains(Any) ? Any : sizes.Sum();
        _shapes[y] = shape;
        return y;
    }

    public byte[] ToBytes()
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "FaceClustering", Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
    }

    /// <summary>HWIO -> OIHW; depthwise H, W, C, M -> (C*M), 1, H, W.</summary>
    private static float[] ToOihw(int[] filterShape, float[] filterHwio, bool depthwise)
    {
        var (kh, kw, cin, cout) = (filterShape[0], filterShape[1], filterShape[2], filterShape[3]);
        var weights = new float[filterHwio.Length];
        for (var h = 0; h < kh; h++)
        for (var w = 0; w < kw; w++)
        for (var i = 0; i < cin; i++)
        for (var o = 0; o < cout; o++)
        {
            var source = ((h * kw + w) * cin + i) * cout + o;
            var target = depthwise
                ? ((i * cout + o) * kh + h) * kw + w
                : ((o * cin + i) * kh + h) * kw + w;
            weights[target] = filterHwio[source];
        }
        return weights;
    }

    private static (AttributeProto[] Attributes, int OutH, int OutW) ConvAttributes(int[] input, int kh, int kw, int stride,
        Padding padding, int group)
    {
        List<AttributeProto> attributes = [Ints("kernel_shape", kh, kw), Ints("strides", stride, stride), Int("group", group)];
        if (input[1] == Any || input[2] == Any)
        {
            if (padding == Padding.Same)
                attributes.Add(new AttributeProto { Name = "auto_pad", Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8("SAME_UPPER") });
            else if (kh != 1 || kw != 1 || stride != 1)
                throw new NotSupportedException("'valid' padding needs known sizes");
            return (attributes.ToArray(), Any, Any);
        }
        var (outH, padTop, padBottom) = Pads(input[1], kh, stride, padding);
        var (outW, padLeft, padRight) = Pads(input[2], kw, stride, padding);
        attributes.Add(Ints("pads", padTop, padLeft, padBottom, padRight));
        return (attributes.ToArray(), outH, outW);
    }

    private static (int Out, int Before, int After) Pads(int size, int kernel, int stride, Padding padding)
    {
        if (padding == Padding.Valid) return ((size - kernel) / stride + 1, 0, 0);
        var output = (size + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + kernel - size, 0);
        return (output, total / 2, total - total / 2);
    }

    private string Pool(string op, string x, int kernel, int stride)
    {
        var s = _shapes[x];
        var y = Node(op, [x], [Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride)]);
        _shapes[y] = [s[0], (s[1] - kernel) / stride + 1, (s[2] - kernel) / stride + 1];
        return y;
    }

    private string Same(string op, params string[] inputs) => Keep(inputs[0], Node(op, inputs, []));

    private string Keep(string like, string y)
    {
        _shapes[y] = _shapes[like];
        return y;
    }

    private string Node(string op, string[] inputs, AttributeProto[] attributes, string? output = null)
    {
        output ??= $"t{_next++}";
        var node = new NodeProto { OpType = op, Name = $"{op}_{_next++}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    private static ValueInfoProto ValueInfo(string name, int[] shape, TensorProto.Types.DataType type = TensorProto.Types.DataType.Float)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = new TensorShapeProto() };
        tensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = Batch });
        for (var i = 0; i < shape.Length; i++)
            tensorType.Shape.Dim.Add(shape[i] == Any
                ? new TensorShapeProto.Types.Dimension { DimParam = $"{name}_{i}" }
                : new TensorShapeProto.Types.Dimension { DimValue = shape[i] });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };
}
