using System.Buffers.Binary;
using System.Text.Json;

namespace FaceClustering.Core.Models;

/// <summary>A named tensor from a TF.js weights file, dequantised to float32.</summary>
public sealed record WeightTensor(string Name, int[] Shape, float[] Values)
{
    public int Count => Values.Length;
}

/// <summary>
/// Reads a TF.js <c>*-weights_manifest.json</c> and its <c>.bin</c> files: tensors lie back to back in
/// manifest order; a tensor with <c>quantization: {dtype: uint8, scale, min}</c> takes one byte per value
/// (value = min + q * scale), one without takes four (little-endian float32 or int32).
/// </summary>
public sealed class TfjsWeights
{
    private readonly Dictionary<string, WeightTensor> _tensors;

    private TfjsWeights(Dictionary<string, WeightTensor> tensors) => _tensors = tensors;

    public IReadOnlyCollection<WeightTensor> All => _tensors.Values;

    public WeightTensor this[string name] =>
        _tensors.TryGetValue(name, out var tensor)
            ? tensor
            : throw new InvalidDataException($"the weights have no tensor '{name}'");

    /// <summary>Loads <c>{stem}-weights_manifest.json</c> from <paramref name="folder"/>.</summary>
    public static TfjsWeights Load(string folder, string stem)
    {
        var manifestPath = Path.Combine(folder, stem + "-weights_manifest.json");
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var tensors = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        foreach (var group in manifest.RootElement.EnumerateArray())
        {
            var data = group.GetProperty("paths").EnumerateArray()
                .SelectMany(p => File.ReadAllBytes(Path.Combine(folder, p.GetString()!))).ToArray();
            var offset = 0;
            foreach (var weight in group.GetProperty("weights").EnumerateArray())
            {
                var name = weight.GetProperty("name").GetString()!;
                var shape = weight.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                var count = shape.Aggregate(1, (a, b) => a * b);
                var dtype = weight.GetProperty("dtype").GetString();
                var values = new float[count];
                if (weight.TryGetProperty("quantization", out var q))
                {
                    if (q.GetProperty("dtype").GetString() != "uint8")
                        throw new InvalidDataException($"'{name}': only uint8 quantization is supported");
                    var scale = q.GetProperty("scale").GetDouble();
                    var min = q.GetProperty("min").GetDouble();
                    for (var i = 0; i < count; i++)
                        values[i] = (float)(min + data[offset + i] * scale);
                    offset += count;
                }
                else
                {
                    for (var i = 0; i < count; i++)
                    {
                        var bytes = data.AsSpan(offset + 4 * i, 4);
                        values[i] = dtype == "int32"
                            ? BinaryPrimitives.ReadInt32LittleEndian(bytes)
                            : BinaryPrimitives.ReadSingleLittleEndian(bytes);
                    }
                    offset += 4 * count;
                }
                tensors[name] = new WeightTensor(name, shape, values);
            }
            if (offset != data.Length)
                throw new InvalidDataException($"{manifestPath}: the weights use {offset} bytes but the files hold {data.Length}");
        }
        return new TfjsWeights(tensors);
    }
}
