using Google.Protobuf;
using Onnx;

namespace FaceClustering.Core.Inference;

/// <summary>
/// Builds an ONNX graph in memory (NCHW, batch dimension symbolic), tracking each tensor's shape so that
/// TensorFlow's 'same' padding, which pads more at the end than at the start, can be written out explicitly.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private const string Batch = "N";
    private readonly GraphProto _graph = new() { Name = "graph" };
    private readonly Dictionary<string, int[]> _shapes = new(StringComparer.Ordinal); // C, H, W (or features)
    private int _next;

    public enum Padding { Same, Valid }

    /// <summary>Shape of a tensor without its batch dimension.</summary>
    public int[] ShapeOf(string tensor) => _shapes[tensor];

    public string Input(string name, params int[] shape)
    {
        _graph.Input.Add(ValueInfo(name, shape));
        _shapes[name] = shape;
        return name;
    }

    public void Output(string tensor, string name)
    {
        var renamed = Node("Identity", [tensor], [], name);
        _graph.Output.Add(ValueInfo(renamed, _shapes[tensor]));
        _shapes[renamed] = _shapes[tensor];
    }

    public string Constant(float[] values, params long[] dims)
    {
        var name = $"c{_next++}";
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        tensor.RawData = ByteString.CopyFrom(bytes); // little-endian, as ONNX requires
        _graph.Initializer.Add(tensor);
        return name;
    }

    public string Int64Constant(params long[] values)
    {
        var name = $"c{_next++}";
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A per-channel constant shaped [C, 1, 1] to broadcast over NCHW.</summary>
    public string ChannelConstant(float[] values) => Constant(values, values.Length, 1, 1);

    /// <summary>Convolution with a TF.js HWIO filter (or H, W, C, 1 depthwise filter when <paramref name="depthwise"/>).</summary>
    public string Conv(string x, int[] filterShape, float[] filterHwio, float[]? bias, int stride, Padding padding, bool depthwise = false)
    {
        var (kh, kw, cin, cout) = (filterShape[0], filterShape[1], filterShape[2], filterShape[3]);
        var input = _shapes[x];
        var outChannels = depthwise ? cin * cout : cout;
        var weights = new float[filterHwio.Length];
        // HWIO -> OIHW; depthwise H, W, C, M -> (C*M), 1, H, W
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

        var (outH, padTop, padBottom) = Pads(input[1], kh, stride, padding);
        var (outW, padLeft, padRight) = Pads(input[2], kw, stride, padding);
        List<string> inputs = [x, Constant(weights, outChannels, depthwise ? 1 : cin, kh, kw)];
        if (bias is not null) inputs.Add(Constant(bias, bias.Length));
        var y = Node("Conv", inputs.ToArray(), [
            Ints("kernel_shape", kh, kw),
            Ints("strides", stride, stride),
            Ints("pads", padTop, padLeft, padBottom, padRight),
            Int("group", depthwise ? cin : 1),
        ]);
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
        _shapes[y] = [s[0] * s[1] * s[2] / last, last];
        return y;
    }

    public string Concat(int axisWithoutBatch, params string[] xs)
    {
        var y = Node("Concat", xs, [Int("axis", axisWithoutBatch + 1)]);
        var shape = (int[])_shapes[xs[0]].Clone();
        shape[axisWithoutBatch] = xs.Sum(t => _shapes[t][axisWithoutBatch]);
        _shapes[y] = shape;
        return y;
    }

    public byte[] ToBytes()
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "FaceClustering", Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
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

    private static ValueInfoProto ValueInfo(string name, int[] shape)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
        tensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = Batch });
        foreach (var d in shape)
            tensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
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
