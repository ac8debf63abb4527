using System.Buffers.Binary;
using FaceClustering.Core.Models;

namespace FaceClustering.Tests.Models;

/// <summary>
/// TF.js weights: tensors back to back across the manifest's files, float32 and int32 four bytes each, uint8
/// quantized one byte each (min + q * scale); a manifest that does not match its files is refused.
/// </summary>
public sealed class TfjsWeightsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private void Write(string manifest, params (string Name, byte[] Bytes)[] files)
    {
        File.WriteAllText(_temp.Combine("net-weights_manifest.json"), manifest);
        foreach (var (name, bytes) in files) File.WriteAllBytes(_temp.Combine(name), bytes);
    }

    private static byte[] Floats(params float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }

    private const string Manifest = """
        [{"paths": ["a.bin", "b.bin"], "weights": [
          {"name": "conv/w", "shape": [2, 2], "dtype": "float32"},
          {"name": "q", "shape": [3], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1}},
          {"name": "n", "shape": [1], "dtype": "int32"}]}]
        """;

    [Fact]
    public void Tensors_are_read_in_manifest_order_across_the_files()
    {
        // 16 bytes of floats split over two files, then three quantized bytes and an int32.
        var floats = Floats(1.5f, -2f, 3.25f, 0f);
        var int32 = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(int32, -7);
        Write(Manifest, ("a.bin", floats[..10]), ("b.bin", [.. floats[10..], 0, 1, 4, .. int32]));
        var weights = TfjsWeights.Load(_temp.Path, "net");
        Assert.Equal(3, weights.All.Count);
        Assert.Equal([2, 2], weights["conv/w"].Shape);
        Assert.Equal([1.5f, -2f, 3.25f, 0f], weights["conv/w"].Values);
        Assert.Equal([-1f, -0.5f, 1f], weights["q"].Values);
        Assert.Equal([-7f], weights["n"].Values);
        Assert.Equal(3, weights["q"].Count);
        Assert.Contains("no tensor 'missing'", Assert.Throws<InvalidDataException>(() => weights["missing"]).Message);
    }

    [Fact]
    public void Files_that_hold_more_than_the_manifest_says_are_refused()
    {
        Write(Manifest, ("a.bin", new byte[16]), ("b.bin", new byte[3 + 4 + 1]));
        var error = Assert.Throws<InvalidDataException>(() => TfjsWeights.Load(_temp.Path, "net"));
        Assert.Contains("the weights use 23 bytes but the files hold 24", error.Message);
    }

    [Fact]
    public void Quantization_other_than_uint8_is_refused_by_tensor()
    {
        Write("""[{"paths": ["a.bin"], "weights": [{"name": "w", "shape": [1], "dtype": "float32", "quantization": {"dtype": "uint16", "scale": 1, "min": 0}}]}]""",
            ("a.bin", new byte[2]));
        Assert.Equal("'w': only uint8 quantization is supported", Assert.Throws<InvalidDataException>(() => TfjsWeights.Load(_temp.Path, "net")).Message);
    }
}
