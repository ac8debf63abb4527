using FaceClustering.Core.Detection;
using FaceClustering.Core.Encode;

namespace FaceClustering.Tests.Encode;

/// <summary>
/// The encode run without its command line: every photo of the folder tree encoded, a bad file skipped with its
/// reason, progress to the last photo, the encodings and index written and the journal gone; an update that finds
/// nothing changed reuses every photo and writes the same faces.
/// </summary>
[Collection(nameof(ModelsCollection))]
public sealed class EncodeRunTests(ModelsFixture models) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_folder_is_encoded_and_an_update_of_it_changes_nothing()
    {
        models.SkipIfMissing();
        Assert.SkipWhen(Repository.DevDataset is null, "../shared/datasets/dev is not present beside the repository");
        var dataset = _temp.Combine("photos");
        Directory.CreateDirectory(Path.Combine(dataset, "sub"));
        var amy = Directory.GetFiles(Path.Combine(Repository.DevDataset!, "images", "amy")).Order(StringComparer.Ordinal).ToList();
        File.Copy(amy[0], Path.Combine(dataset, "a" + Path.GetExtension(amy[0])));
        File.Copy(amy[1], Path.Combine(dataset, "sub", "b" + Path.GetExtension(amy[1])));
        File.WriteAllText(Path.Combine(dataset, "sub", "broken.jpg"), "not a photo");
        File.WriteAllText(Path.Combine(dataset, "notes.txt"), "not even a photo name");

        var options = new EncodeOptions
        {
            Dataset = dataset,
            EncodingsPath = _temp.Combine("enc", "e.msgpack"),
            ModelsFolder = models.Store.Folder,
            Engine = new FaceEngineOptions { DetectionMethod = DetectionMethod.Hog },
            Jobs = 2,
        };
        var seen = new List<EncodeProgress>();
        var summary = EncodeRun.Execute(options, progress: new SynchronousProgress(seen.Add), cancel: TestContext.Current.CancellationToken);

        Assert.Equal((2, 1), (summary.Images, summary.Skipped.Count)); // the photos read, and the file that is none
        Assert.Equal(Path.Combine(dataset, "sub", "broken.jpg"), summary.Skipped[0].Path);
        Assert.True(summary.Faces >= 2, $"{summary.Faces} faces in two portraits");
        Assert.Equal(3, seen[^1].Done);
        var faces = FaceSet.Load(options.EncodingsPath);
        Assert.Equal(summary.Faces, faces.Count);
        Assert.Equal(Path.GetFullPath(dataset), faces.Header.DatasetRoot);
        Assert.Equal("hog", faces.Header.Detector);
        Assert.True(File.Exists(options.EncodingsPath + ImageLog.IndexSuffix));
        Assert.False(File.Exists(options.EncodingsPath + ImageLog.JournalSuffix));

        var update = EncodeRun.Execute(options with { Update = true }, cancel: TestContext.Current.CancellationToken);
        Assert.Equal((0, 2, 0), (update.Encoded, update.Reused, update.Removed));
        Assert.Equal("sub/broken.jpg", Path.GetRelativePath(dataset, Assert.Single(update.Skipped).Path).Replace(Path.DirectorySeparatorChar, '/')); // tried again, still no photo
        var after = FaceSet.Load(options.EncodingsPath);
        Assert.Equal(faces.ImagePaths, after.ImagePaths);
        Assert.Equal(faces.Vectors, after.Vectors);
    }

    private sealed class SynchronousProgress(Action<EncodeProgress> report) : IProgress<EncodeProgress>
    {
        public void Report(EncodeProgress value) => report(value);
    }
}
