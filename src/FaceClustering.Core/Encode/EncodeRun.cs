using System.Diagnostics;
using FaceClustering.Core.Detection;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.IO;
using FaceClustering.Core.Imaging;
using FaceClustering.Core.Models;

namespace FaceClustering.Core.Encode;

/// <summary>
/// The encode command: make the models available, list the photos (a folder or given paths, one shard of them),
/// plan what an update must encode, run the photos through the face engines (<see cref="EncodePipeline"/>), and
/// keep every finished photo in the journal until the run completes and the store replaces the encodings file and
/// its index (<see cref="EncodingsStore"/>). An interrupted run therefore leaves the previous encodings valid, and
/// an update continues from the journal.
/// </summary>
public static class EncodeRun
{
    public static EncodeSummary Execute(EncodeOptions options, Action<string>? log = null,
        IProgress<EncodeProgress>? progress = null, CancellationToken cancel = default)
    {
        var store = new EncodingsStore(options.EncodingsPath);
        store.RefuseForeignFiles();
        // One writer per encodings file: a second run at once would lose one run's work and truncate the journal.
        using var writing = WriterLock.Acquire(options.EncodingsPath, "the encodings file", options.Wait, log, cancel);
        store.RemoveStaleTemporaries();
        var models = new ModelStore(ModelStore.ResolveFolder(options.ModelsFolder));
        var restoreDataset = options.InputPaths is null && Path.GetFullPath(options.Dataset) == Path.GetFullPath(EncodeOptions.DefaultDataset)
            ? options.Dataset
            : null;
        if (models.EnsureRestored(restoreDataset, log) is { } restored) log?.Invoke(restored);

        var unlisted = new List<(string Path, PhotoProblem Problem)>();
        var all = options.InputPaths ?? DatasetScanner.List(options.Dataset, (folder, reason) => unlisted.Add((folder, reason)));
        var photos = options.Shard.Select(all, options.InputPaths is null ? options.Dataset : null);
        if (photos.Count == 0 && all.Count > 0)
            log?.Invoke($"none of the {all.Count} photos falls in shard {options.Shard}; its encodings file holds no faces " +
                        "(cluster takes it with the others)");
        else if (photos.Count == 0 && !options.Update)
            throw options.InputPaths is not null
                ? new InputException($"no photo paths on standard input")
                : new InputException($"dataset folder '{options.Dataset}' holds no photos ({string.Join(", ", EncodeOptions.ImageExtensions.Order())}); pass the folder that holds them with {Setting.Dataset}");

        var engine = options.Engine;
        var settings = new EncodeSettings(engine.Upsample, engine.Jitters,
            engine.DetectionMethod == DetectionMethod.Hog ? "none" : engine.EffectivePrecision == SsdPrecision.Float ? "float" : "int8");
        var root = options.InputPaths is null ? Path.GetFullPath(options.Dataset) : DatasetScanner.CommonFolder(photos);
        var header = EncodingsHeader.Create(FaceEngine.ModelId, engine.DetectionMethod.Name(), root, settings);
        var plan = UpdatePlan.Make(photos, store, header, options.Update, log);
        var todo = plan.ToEncode;

        var workers = Math.Max(1, Math.Min(options.EffectiveJobs, Math.Max(1, todo.Count)));
        var engines = new FaceEngine[todo.Count == 0 ? 0 : workers];
        FaceModels? shared = null;
        try
        {
            // The networks are built once (the three in parallel) and shared by the workers.
            if (engines.Length > 0) shared = new FaceModels(models, options.Engine);
            for (var i = 0; i < engines.Length; i++) engines[i] = new FaceEngine(shared!);
            return Run(store, header, plan, engines, unlisted, log, progress, cancel);
        }
        finally
        {
            foreach (var worker in engines) worker?.Dispose();
            shared?.Dispose();
        }
    }

    /// <param name="unlisted">Folders the scan could not list, counted and reported with the skipped photos.</param>
    private static EncodeSummary Run(EncodingsStore store, EncodingsHeader header, UpdatePlan plan, FaceEngine[] engines,
        IReadOnlyList<(string Path, PhotoProblem Problem)> unlisted, Action<string>? log, IProgress<EncodeProgress>? progress,
        CancellationToken cancel)
    {
        NativeHeap.KeepLargeBlocks();
        var watch = Stopwatch.StartNew();
        var todo = plan.ToEncode;
        var done = new Dictionary<string, ImageEntry>(StringComparer.Ordinal);
        var skipped = new List<(string Path, PhotoProblem Problem)>();
        foreach (var (folder, problem) in unlisted) log?.Invoke($"skipped '{folder}': {problem.Reason}");
        var newFaces = 0;

        using (var journal = store.StartJournal(header))
        {
            // Work an interrupted run had finished stays in the journal until this run completes.
            foreach (var earlier in plan.Earlier.Values.Where(e => e.FromJournal)) journal.Append(earlier.Entry);

            if (engines.Length > 0)
            {
                var lastSync = Stopwatch.StartNew();
                foreach (var result in EncodePipeline.Run(todo, engines, cancel))
                {
                    if (result.Problem is not null || result.Stat is null)
                    {
                        var problem = result.Problem ?? "vanished while being read";
                        skipped.Add((result.Path, problem));
                        if (!problem.FormatUnavailable) log?.Invoke($"skipped '{result.Path}': {problem.Reason}");
                    }
                    else
                    {
                        var faces = result.Faces.Select(f => new FaceRecord(result.Path, f.Box, f.Encoding, f.Quality)).ToList();
                        var entry = new ImageEntry(result.Path, result.Stat.Value.Size, result.Stat.Value.Ticks, faces);
                        done[result.Path] = entry;
                        newFaces += faces.Count;
                        journal.Append(entry);
                        journal.Flush(toDisk: lastSync.Elapsed.TotalSeconds > 10);
                        if (lastSync.Elapsed.TotalSeconds > 10) lastSync.Restart();
                    }
                    progress?.Report(new EncodeProgress(done.Count + skipped.Count, todo.Count, newFaces, watch.Elapsed));
                }
            }
        }

        // A format this system cannot decode is said once, with the count, not file by file.
        foreach (var group in skipped.Where(s => s.Problem.FormatUnavailable).GroupBy(s => s.Problem.Reason))
            log?.Invoke($"skipped {group.Count()} photo(s), {group.Key} (first: '{group.First().Path}')");

        var (entries, reused, removed) = plan.Merge(done, skipped.Select(s => s.Path));
        store.Complete(header, entries);

        return new EncodeSummary(entries.Count, entries.Sum(e => e.Faces.Count), entries.Count(e => e.Faces.Count == 0),
            unlisted.Concat(skipped).Select(s => (s.Path, s.Problem.Reason)).ToList(), watch.Elapsed, store.EncodingsPath)
        {
            Reused = reused,
            Removed = removed,
            Encoded = todo.Count - skipped.Count,
            NewFaces = newFaces,
        };
    }
}
