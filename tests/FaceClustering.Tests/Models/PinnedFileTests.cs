using FaceClustering.Core.Models;

namespace FaceClustering.Tests.Models;

/// <summary>The pinned model files: each with a SHA-256, a path inside face-api 1.7.15's package, and where it goes; the package itself once.</summary>
public class PinnedFileTests
{
    [Fact]
    public void Every_pinned_file_has_a_hash_a_package_path_and_a_place()
    {
        Assert.True(PinnedFile.All.Count >= 7, $"only {PinnedFile.All.Count} pinned files");
        Assert.All(PinnedFile.All, f =>
        {
            Assert.Matches("^[0-9a-f]{64}$", f.Sha256);
            Assert.Contains(f.Destination, new[] { "package", "models", "dataset" });
            Assert.DoesNotContain("..", f.PackagePath);
            Assert.False(Path.IsPathRooted(f.PackagePath), f.PackagePath);
        });
        Assert.Equal(PinnedFile.All.Count, PinnedFile.All.Select(f => f.PackagePath).Distinct().Count());
        Assert.Equal("vladmandic-face-api-1.7.15.tgz", PinnedFile.Package.FileName);
        Assert.Contains(PinnedFile.All, f => f.FileName == "face_recognition_model.bin" && f.Destination == "models");
        Assert.Equal(("@vladmandic/face-api", "1.7.15"), (PinnedFile.PackageName, PinnedFile.PackageVersion));
    }
}
