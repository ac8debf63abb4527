namespace FaceClustering.Tests.Imaging;

/// <summary>The image header parser (sizes read before decoding) under <see cref="Fuzzer"/>.</summary>
public sealed class ImageHeaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_image_header_parser_gives_a_size_or_nothing()
    {
        var images = new List<byte[]>();
        using (var noise = TestImages.Noise(40, 30, 3))
        {
            images.Add(TestImages.Jpeg(noise, 90));
            images.Add(TestImages.Png(noise));
            images.Add(TestImages.Encoded(noise, "webp"));
            images.Add(TestImages.Encoded(noise, "bmp"));
            images.Add(TestImages.Encoded(noise, "gif"));
        }
        var k = 0;
        foreach (var image in images)
            Fuzzer.Run($"image header ({k++})", image, 3 + k, output, _temp.Combine("crash.bin"), bytes =>
            {
                if (ImageHeader.TryReadSize(bytes) is var (width, height))
                    Assert.True(width >= 0 && height >= 0, $"size {width}x{height}");
            }, share: 1.0 / images.Count);
    }
}
