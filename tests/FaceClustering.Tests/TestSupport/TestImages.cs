using ImageMagick;
using SkiaSharp;

namespace FaceClustering.Tests.TestSupport;

/// <summary>Images the tests make themselves, and the few image operations they need.</summary>
internal static class TestImages
{
    /// <summary>A BGR image whose pixel (x, y) is (x, y, x + y), each mod 256: every value says where it came from.</summary>
    public static BgrImage Gradient(int width, int height)
    {
        var image = new BgrImage(width, height);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            image[y, x] = ((byte)(x % 256), (byte)(y % 256), (byte)((x + y) % 256));
        return image;
    }

    /// <summary>An image of one colour.</summary>
    /// <summary>Smooth colour with noise on top (0 to 47 added), so that every JPEG coefficient and both chroma
    /// planes carry something.</summary>
    public static BgrImage NoisyGradient(int width, int height)
    {
        var image = Gradient(width, height);
        using var noise = Noise(width, height, seed: 7, low: 0, high: 48);
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            var add = noise.Row(y);
            for (var i = 0; i < row.Length; i++) row[i] = (byte)Math.Min(255, row[i] + add[i]);
        }
        return image;
    }

    public static BgrImage Solid(int width, int height, byte blue, byte green, byte red)
    {
        var image = new BgrImage(width, height);
        image.Fill(blue, green, red);
        return image;
    }

    public static BgrImage Solid(int width, int height, byte gray) => Solid(width, height, gray, gray, gray);

    /// <summary>Uniform noise in [low, high), seeded.</summary>
    public static BgrImage Noise(int width, int height, int seed, int low = 0, int high = 256)
    {
        var image = new BgrImage(width, height);
        var random = new Random(seed);
        for (var y = 0; y < height; y++)
        {
            var row = image.Row(y);
            for (var k = 0; k < row.Length; k++) row[k] = (byte)random.Next(low, high);
        }
        return image;
    }

    /// <summary>A box blur of the given radius, in place, three times over (close to a Gaussian).</summary>
    public static void Blur(BgrImage image, int radius)
    {
        for (var pass = 0; pass < 3; pass++)
        {
            using var copy = image.Clone();
            for (var y = 0; y < image.Height; y++)
            {
                var row = image.Row(y);
                for (var x = 0; x < image.Width; x++)
                for (var c = 0; c < 3; c++)
                {
                    int sum = 0, count = 0;
                    for (var dy = -radius; dy <= radius; dy += radius)
                    for (var dx = -radius; dx <= radius; dx += radius)
                    {
                        var (yy, xx) = (y + dy, x + dx);
                        if ((uint)yy >= (uint)image.Height || (uint)xx >= (uint)image.Width) continue;
                        sum += copy.Row(yy)[3 * xx + c];
                        count++;
                    }
                    row[3 * x + c] = (byte)(sum / count);
                }
            }
        }
    }

    /// <summary>A copy scaled by <paramref name="scale"/> (by area when it shrinks).</summary>
    public static BgrImage Scaled(BgrImage image, double scale)
    {
        var result = new BgrImage(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)));
        ImageResizer.Resize(image, result);
        return result;
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> with its top-left corner at (x, y).</summary>
    public static void Paste(BgrImage source, BgrImage destination, int x, int y)
    {
        for (var r = 0; r < source.Height; r++) source.Row(r).CopyTo(destination.Row(y + r)[(3 * x)..]);
    }

    /// <summary>Fills a rectangle with one colour.</summary>
    public static void FillRect(BgrImage image, PixelRect area, byte blue, byte green, byte red)
    {
        using var view = image.View(area.Intersect(new PixelRect(0, 0, image.Width, image.Height)));
        view.Fill(blue, green, red);
    }

    /// <summary>The mean (blue, green, red) over a rectangle.</summary>
    public static (double B, double G, double R) Mean(BgrImage image, PixelRect area)
    {
        double b = 0, g = 0, r = 0;
        for (var y = area.Y; y < area.Bottom; y++)
        for (var x = area.X; x < area.Right; x++)
        {
            var p = image[y, x];
            (b, g, r) = (b + p.B, g + p.G, r + p.R);
        }
        var n = (double)area.Width * area.Height;
        return (b / n, g / n, r / n);
    }

    /// <summary>JPEG bytes (quality 95 by default, as OpenCV's imwrite).</summary>
    public static byte[] Jpeg(BgrImage image, int quality = 95) => JpegWriter.Encode(image, quality);

    /// <summary>JPEG bytes from Skia's encoder at quality 90 with the given chroma subsampling.</summary>
    public static byte[] Jpeg(BgrImage image, SKJpegEncoderDownsample downsample)
    {
        using var bitmap = Bitmap(image, 255);
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKJpegEncoderOptions(90, downsample, SKJpegEncoderAlphaOption.Ignore))!;
        return data.ToArray();
    }

    /// <summary>8-bit RGB PNG bytes.</summary>
    public static byte[] Png(BgrImage image) => PngWithAlpha(image, 255);

    /// <summary>A PNG with an alpha channel of the given value everywhere.</summary>
    public static byte[] PngWithAlpha(BgrImage image, byte alpha)
    {
        using var bitmap = Bitmap(image, alpha);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A one-channel (grayscale) PNG of the image's green channel.</summary>
    public static byte[] GrayPng(BgrImage image)
    {
        using var magick = Magick(image);
        magick.ColorType = ColorType.Grayscale;
        return magick.ToByteArray(MagickFormat.Png8);
    }

    /// <summary>A 16-bit-per-channel PNG (each value v stored as v * 257).</summary>
    public static byte[] SixteenBitPng(BgrImage image)
    {
        using var magick = Magick(image);
        magick.Depth = 16;
        return magick.ToByteArray(MagickFormat.Png48);
    }

    /// <summary>The image in another format, written by Magick.NET: webp (lossless), bmp, gif or tiff.</summary>
    public static byte[] Encoded(BgrImage image, string format)
    {
        using var magick = Magick(image);
        if (format == "webp") magick.Settings.SetDefine(MagickFormat.WebP, "lossless", true);
        return magick.ToByteArray(format switch
        {
            "webp" => MagickFormat.WebP,
            "bmp" => MagickFormat.Bmp3,
            "gif" => MagickFormat.Gif,
            "tiff" => MagickFormat.Tiff,
            _ => throw new ArgumentException($"no writer for {format}", nameof(format)),
        });
    }

    /// <summary>Writes the image as PNG or JPEG, by the path's extension.</summary>
    public static void Write(BgrImage image, string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        File.WriteAllBytes(path, extension is ".jpg" or ".jpeg" ? Jpeg(image) : extension == ".png" ? Png(image)
            : throw new ArgumentException($"no writer for {extension}", nameof(path)));
    }

    /// <summary>Reads a photo as the tools do.</summary>
    public static BgrImage Read(string path) =>
        PhotoReader.TryRead(path, out var problem) ?? throw new InvalidOperationException($"{path}: {problem}");

    private static unsafe SKBitmap Bitmap(BgrImage image, byte alpha)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Bgra8888,
            alpha == 255 ? SKAlphaType.Opaque : SKAlphaType.Unpremul));
        var pixels = (byte*)bitmap.GetPixels();
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            var to = pixels + (long)y * bitmap.RowBytes;
            for (var x = 0; x < image.Width; x++)
                (to[4 * x], to[4 * x + 1], to[4 * x + 2], to[4 * x + 3]) = (row[3 * x], row[3 * x + 1], row[3 * x + 2], alpha);
        }
        return bitmap;
    }

    private static MagickImage Magick(BgrImage image)
    {
        var bytes = new byte[image.Width * image.Height * 3];
        for (var y = 0; y < image.Height; y++) image.Row(y).CopyTo(bytes.AsSpan(y * image.Width * 3));
        var settings = new MagickReadSettings { Width = (uint)image.Width, Height = (uint)image.Height, Format = MagickFormat.Bgr, Depth = 8 };
        return new MagickImage(bytes, settings);
    }

    /// <summary>A 70-byte BMP: file header and BITMAPINFOHEADER claiming the given size (24 bits a pixel), then a
    /// few bytes of pixels.</summary>
    public static byte[] BmpHeader(int width, int height)
    {
        var bmp = new byte[70];
        "BM"u8.CopyTo(bmp);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        return bmp;
    }
}
