using System.Diagnostics;
using ImageMagick;

namespace FaceClustering.Tests.Encode;

/// <summary>HEIC (iPhone) and AVIF photos, made by the test, are decoded and encoded like any other.</summary>
[Collection(nameof(ModelsCollection))]
public class PhonePhotoTests(ModelsFixture models) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Avif_and_heic_photos_are_decoded_and_their_faces_encoded()
    {
        models.SkipIfMissing();
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        var source = Path.Combine(dev!, "images", "luis_suarez", "00000053.jpg");
        var photos = _temp.Combine("phone");
        Directory.CreateDirectory(photos);

        // AVIF: written by Magick.NET itself.
        using (var image = new MagickImage(source)) image.Write(Path.Combine(photos, "IMG_0001.avif"), MagickFormat.Avif);
        var expected = 1;
        // HEIC: Magick.NET reads it but cannot write it; Debian's ImageMagick (libheif with x265) can.
        if (File.Exists("/usr/bin/convert"))
        {
            using var p = Process.Start("/usr/bin/convert", [source, Path.Combine(photos, "IMG_0002.heic")]);
            p.WaitForExit();
            if (p.ExitCode == 0 && File.Exists(Path.Combine(photos, "IMG_0002.heic"))) expected++;
        }

        using var original = PhotoReader.TryRead(source)!;
        foreach (var file in Directory.GetFiles(photos))
        {
            Assert.True(MagickPhotoDecoder.IsHeif(File.ReadAllBytes(file)));
            using var decoded = PhotoReader.TryRead(file, out var problem);
            Assert.Null(problem);
            Assert.Equal((original.Width, original.Height), (decoded!.Width, decoded.Height));
        }

        var encodings = _temp.Combine("e.msgpack");
        var result = EncodeCommand.InProcess("-i", photos, "-e", encodings, "--models", models.Store.Folder);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"{expected} images, ", result.Stdout);
        var faces = FaceSet.Load(encodings);
        Assert.Equal(expected, faces.ImagePaths.Distinct().Count()); // a face in each
    }
}
