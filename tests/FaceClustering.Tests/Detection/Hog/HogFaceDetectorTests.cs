using FaceClustering.Core.Detection.Hog;

namespace FaceClustering.Tests.Detection.Hog;

/// <summary>The HOG detector on odd input (tiny, blank, noise), upsampling for small faces, and within the pixel limit; its boxes against dlib's are <see cref="HogParityTests"/>.</summary>
public class HogFaceDetectorTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 300)]
    [InlineData(30, 30)]
    [InlineData(90, 60)]
    public void Tiny_and_blank_images_give_no_faces(int width, int height)
    {
        var detector = new HogFaceDetector(upsample: 1);
        using var blank = TestImages.Solid(width, height, 128);
        Assert.Empty(detector.Detect(blank));
        using var noise = TestImages.Noise(width, height, seed: width * 1000 + height);
        Assert.All(detector.Detect(noise), f => Assert.True(f.Left >= 0 && f.Top >= 0 && f.Right <= width && f.Bottom <= height));
    }

    [Fact]
    public void Upsampling_finds_a_small_face_the_plain_scan_cannot()
    {
        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        using var photo = PhotoReader.TryRead(Path.Combine(dev!, "images", "_group", "bbt2.jpg"))!;
        var plain = new HogFaceDetector(upsample: 0);
        var once = new HogFaceDetector(upsample: 1);
        var face = once.Detect(photo).OrderByDescending(f => f.Score).First(); // about 90 px wide

        // Shrink the photo so that face is about 45 px: under dlib's 80-px window, within reach of one upsampling.
        var scale = 45.0 / face.Width;
        using var small = TestImages.Scaled(photo, scale);
        var expected = new FaceClustering.Core.Detection.DetectedFace(face.Left * scale, face.Top * scale, face.Right * scale, face.Bottom * scale, 0);

        Assert.DoesNotContain(plain.Detect(small), f => f.IntersectionOverUnion(expected) > 0.5);
        Assert.Contains(once.Detect(small), f => f.IntersectionOverUnion(expected) > 0.5);
    }

    [Fact]
    public void A_photo_that_upsampled_would_pass_the_pixel_limit_is_upsampled_fewer_times()
    {
        var limited = new HogFaceDetector(HogFilterBank.FrontalFace, upsample: 2, maxScannedPixels: 1_000_000);
        Assert.Equal(1, limited.UpsampleSteps(400, 600));   // 240k pixels: x16 is over 1 MP, x4 = 960k is not
        Assert.Equal(0, limited.UpsampleSteps(1000, 1000));
        Assert.Equal(1, limited.UpsampleSteps(400, 500));   // 200k x 4 = 800k
        Assert.Equal(2, limited.UpsampleSteps(200, 250));   // 50k x 16 = 800k

        var dev = Repository.DevDataset;
        Assert.SkipWhen(dev is null, "../shared/datasets/dev is not present beside the repository");
        using var photo = PhotoReader.TryRead(Path.Combine(dev!, "images", "_group", "bbt3.jpg"))!; // 594x383
        var plain = new HogFaceDetector(upsample: 0);
        var capped = new HogFaceDetector(HogFilterBank.FrontalFace, upsample: 1, maxScannedPixels: 500_000);
        Assert.NotEmpty(plain.Detect(photo));
        Assert.Equal(plain.Detect(photo), capped.Detect(photo));
    }
}
