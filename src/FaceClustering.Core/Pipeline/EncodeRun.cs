using System.Diagnostics;
using System.Collections.Concurrent;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.Imaging;
using FaceClustering.Core.Models;

namespace FaceClustering.Core.Pipeline;

/// <summary>
/// The encode command as a pipeline: one stage decodes photos ahead, several workers (one face engine each,
/// one ONNX thread each) detect and describe, and the writer takes results in input order. A semaphore bounds
/// the photos in flight, so memory stays flat on any library size.
///
/// Every finished photo is appended to a journal beside the encodings file; the encodings file itself (and
/// its index of photo sizes and times) is replaced atomically only when the run completes. An interrupted run
/// therefore leaves the previous encodings valid, and <c>--update</c> continues from the journal.
/// </summary>
public static class EncodeRun
{
    public static EncodeSummary Execute(EncodeOptions options, Action<string>? log = null,
        IProgress<EncodeProgress>? progress = null, CancellationToken cancel = default)
    {
        if (options.Jobs == 0 || options.Jobs < -1)
            throw new InputException($"--jobs must be -1 (all cores) or a positive number (got {options.Jobs})");
        FaceEngine.ValidateDetectionMethod(options.DetectionMethod);
        FaceEngine.ValidateUpsample(options.Upsample);
        RefuseForeignOutputs(options.EncodingsPath);
        var store = new ModelStore(ModelStore.ResolveFolder(options.ModelsFolder));
        var restoreDataset = options.InputPaths is null && Path.GetFullPath(options.Dataset) == Path.GetFullPath(EncodeOptions.DefaultDataset)
            ? options.Dataset
            : null;
        try
        {
            if (store.EnsureRestored(restoreDataset, log) is { } restored) log?.Invoke(restored);
        }
        catch (ModelRestoreException e)
        {
            throw new InputException(e.Message);
        }

        var all = options.InputPaths ?? DatasetScanner.List(options.Dataset);
        var photos = options.Shard.Select(all, options.InputPaths is null ? options.Dataset : null);
        if (photos.Count == 0 && all.Count > 0)
            log?.Invoke($"none of the {all.Count} photos falls in shard {options.Shard}; its encodings file holds no faces " +
                        "(cluster takes it with the others)");
        else if (photos.Count == 0 && !options.Update)
            throw new InputException(options.InputPaths is not null
                ? "no photo paths on standard input"
                : $"dataset folder '{options.Dataset}' holds no photos ({string.Join(", ", EncodeOptions.ImageExtensions.Order())}); " +
                  "pass the folder that holds them with -i");

        var header = EncodingsHeader.Create(FaceEngine.ModelId, options.DetectionMethod);
        var previous = options.Update ? PreviousRun.Load(options.EncodingsPath, header, log) : [];

        // Photos whose size and time match what was encoded before keep their encodings.
        var todo = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var photo in photos)
        {
            if (!seen.Add(photo)) continue;
            if (previous.TryGetValue(photo, out var before) && ImageEntry.Stat(photo) is var (size, ticks)
                && before.Entry.Size == size && before.Entry.ModifiedTicks == ticks)
                continue;
            todo.Add(photo);
        }

        var workers = Math.Max(1, Math.Min(options.EffectiveJobs, Math.Max(1, todo.Count)));
        var engines = new FaceEngine[todo.Count == 0 ? 0 : workers];
        FaceModels? models = null;
        try
        {
            var engineOptions = new FaceEngineOptions
            {
                DetectionMethod = options.DetectionMethod, Upsample = options.Upsample, Device = options.Device, Jitters = options.Jitters,
                Precision = options.Precision,
            };
            // The networks are built once (the three in parallel) and shared by the workers.
            if (engines.Length > 0) models = new FaceModels(store, engineOptions);
            for (var i = 0; i < engines.Length; i++) engines[i] = new FaceEngine(models!, engineOptions);
            return Run(options, header, todo, previous, engines, log, progress, cancel);
        }
        finally
        {
            foreach (var engine in engines) engine?.Dispose();
            models?.Dispose();
        }
    }

    private sealed record Decoded(int Index, string Path, BgrImage? Image, string? Problem, (long Size, long Ticks)? Stat);

    private sealed record Result(int Index, string Path, IReadOnlyList<EncodedFace> Faces, string? Problem, (long Size, long Ticks)? Stat);

    private static EncodeSummary Run(EncodeOptions options, EncodingsHeader header, List<string> todo,
        Dictionary<string, Previous> previous, FaceEngine[] engines, Action<string>? log,
        IProgress<EncodeProgress>? progress, CancellationToken cancel)
    {
        NativeHeap.KeepLargeBlocks();
        var watch = Stopwatch.StartNew();
        var journalPath = options.EncodingsPath + ImageLog.JournalSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(journalPath))!);
        var done = new Dictionary<string, ImageEntry>(StringComparer.Ordinal);
        var skipped = new List<(string, string)>();
        var newFaces = 0;

        using (var journal = ImageLog.Create(journalPath, header, withFaces: true))
        {
            // Work an interrupted run had finished stays in the journal until this run completes.
            foreach (var entry in previous.Values.Where(e => e.FromJournal)) journal.Append(entry.Entry);

            if (engines.Length > 0)
            {
                var lastSync = Stopwatch.StartNew();
                foreach (var result in Pipeline(todo, engines, cancel))
                {
                    if (result.Problem is not null || result.Stat is null)
                    {
                        skipped.Add((result.Path, result.Problem ?? "vanished while being read"));
                        if (result.Problem?.StartsWith(MagickPhotoDecoder.UnsupportedPrefix, StringComparison.Ordinal) != true)
                            log?.Invoke($"skipped '{result.Path}': {result.Problem}");
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
        foreach (var group in skipped.Where(s => s.Item2.StartsWith(MagickPhotoDecoder.UnsupportedPrefix, StringComparison.Ordinal)).GroupBy(s => s.Item2))
            log?.Invoke($"skipped {group.Count()} photo(s), {group.Key} (first: '{group.First().Item1}')");

        // The new state: what was encoded now, and earlier encodings of photos that are still there.
        var reused = 0;
        var removed = 0;
        var failed = skipped.Select(s => s.Item1).ToHashSet(StringComparer.Ordinal);
        foreach (var (path, before) in previous)
        {
            if (done.ContainsKey(path) || failed.Contains(path)) continue;
            if (ImageEntry.Stat(path) is null) { removed++; continue; }
            done[path] = before.Entry;
            reused++;
        }
        var entries = done.Values.OrderBy(e => e.ImagePath, StringComparer.Ordinal).ToList();
        WriteFinal(options.EncodingsPath, header, entries);
        File.Delete(journalPath);

        return new EncodeSummary(entries.Count, entries.Sum(e => e.Faces.Count), entries.Count(e => e.Faces.Count == 0),
            skipped, watch.Elapsed, options.EncodingsPath)
        {
            Reused = reused,
            Removed = removed,
            Encoded = todo.Count - skipped.Count,
            NewFaces = newFaces,
        };
    }

    /// <summary>Replaces the encodings file and its index, each atomically.</summary>
    /// <summary>
    /// The encodings file, its journal and its index are replaced only where they are absent or were made by
    /// encode: a photo, a folder or any other file at one of those paths is refused with one line, never
    /// overwritten.
    /// </summary>
    internal static void RefuseForeignOutputs(string encodingsPath)
    {
        if (encodingsPath.Length == 0)
            throw new InputException("the encodings path is empty; give a file path such as encodings/encodings.msgpack");
        Refuse(encodingsPath, "encodings file", IsEncodingsFile);
        Refuse(encodingsPath + ImageLog.JournalSuffix, "journal", p => ImageLog.Read(p, out _) is not null);
        Refuse(encodingsPath + ImageLog.IndexSuffix, "index", p => ImageLog.Read(p, out _) is not null);

        static void Refuse(string path, string what, Func<string, bool> madeByEncode)
        {
            if (Directory.Exists(path))
                throw new InputException($"'{path}' is a folder, not an {what}; give the encodings a file path of their own");
            if (File.Exists(path) && !madeByEncode(path))
                throw new InputException($"'{path}' exists and is not an {what} that encode made; it is left as it is: " +
                                         "choose another encodings path, or move that file away");
        }
    }

    private static bool IsEncodingsFile(string path)
    {
        try
        {
            using var reader = EncodingsReader.Open(path);
            return true;
        }
        catch (EncodingsFileException)
        {
            return false;
        }
    }

    private static void WriteFinal(string path, EncodingsHeader header, List<ImageEntry> entries)
    {
        using (var writer = new EncodingsWriter(path, header))
        {
            foreach (var face in entries.SelectMany(e => e.Faces)) writer.Write(face);
            writer.Commit();
        }
        var temp = $"{path}{ImageLog.IndexSuffix}.{Environment.ProcessId}.tmp";
        using (var index = ImageLog.Create(temp, header, withFaces: false))
        {
            foreach (var entry in entries) index.Append(entry);
            index.Flush(toDisk: true);
        }
        File.Move(temp, path + ImageLog.IndexSuffix, overwrite: true);
    }

    /// <summary>Results in input order; decoding runs ahead on its own thread and workers run in parallel.</summary>
    private static IEnumerable<Result> Pipeline(List<string> photos, FaceEngine[] engines, CancellationToken outer)
    {
        // Any failing stage stops the others, so nothing waits forever on a stage that is gone.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        var cancel = stop.Token;
        using var inFlight = new SemaphoreSlim(4 * engines.Length);
        using var decoded = new BlockingCollection<Decoded>(2 * engines.Length);
        using var results = new BlockingCollection<Result>();

        var decoder = Stage(() =>
        {
            try
            {
                for (var i = 0; i < photos.Count; i++)
                {
                    inFlight.Wait(cancel);
                    var stat = ImageEntry.Stat(photos[i]);
                    var image = PhotoReader.TryRead(photos[i], out var problem);
                    decoded.Add(new Decoded(i, photos[i], image, problem, stat), cancel);
                }
            }
            finally
            {
                decoded.CompleteAdding();
            }
        }, cancel);

        var workers = engines.Select(engine => Stage(() =>
        {
            foreach (var item in decoded.GetConsumingEnumerable(cancel))
            {
                using var image = item.Image;
                IReadOnlyList<EncodedFace> faces = [];
                var problem = item.Problem;
                if (image is not null)
                {
                    try
                    {
                        faces = engine.Encode(image);
                    }
                    catch (OutOfMemoryException)
                    {
                        problem = "too large to process in the memory available; try fewer --jobs or a smaller --upsample";
                    }
                }
                results.Add(new Result(item.Index, item.Path, faces, problem, item.Stat), cancel);
            }
        }, cancel)).ToArray();
        var closer = Task.WhenAll(workers).ContinueWith(t =>
        {
            if (t.IsFaulted) stop.Cancel();
            results.CompleteAdding();
        }, TaskScheduler.Default);

        var pending = new Dictionary<int, Result>();
        var next = 0;
        try
        {
            foreach (var result in results.GetConsumingEnumerable(cancel))
            {
                pending.Add(result.Index, result);
                while (pending.Remove(next, out var ready))
                {
                    next++;
                    inFlight.Release();
                    yield return ready;
                }
            }
        }
        finally
        {
            // On every way out (done, Ctrl+C, a failure) the stages stop and are waited for, so no worker is
            // still inside a network when the caller disposes the engines.
            stop.Cancel();
            try
            {
                Task.WaitAll([decoder, closer, .. workers]);
            }
            catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
            {
                // stopped as asked
            }
            while (decoded.TryTake(out var unused)) unused.Image?.Dispose();
        }
        outer.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// A stage on a thread of its own: decoding and the networks block for most of a photo, and on the thread pool
    /// (as many threads as cores at first) the last stage to start waited for the pool to grow (measured: the
    /// second worker began 180 ms after the first).
    /// </summary>
    private static Task Stage(Action body, CancellationToken cancel) =>
        Task.Factory.StartNew(body, cancel, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>What an earlier run left: the encodings file with its index, and the journal of an interrupted run.</summary>
    private static class PreviousRun
    {
        public static Dictionary<string, Previous> Load(string encodingsPath, EncodingsHeader header, Action<string>? log)
        {
            var result = new Dictionary<string, Previous>(StringComparer.Ordinal);
            if (File.Exists(encodingsPath))
            {
                using var reader = EncodingsReader.Open(encodingsPath);
                Check(encodingsPath, reader.Header.Model, reader.Header.Detector, header);
                var faces = reader.ReadAll().GroupBy(r => r.ImagePath).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
                var index = ImageLog.Read(encodingsPath + ImageLog.IndexSuffix, out _);
                if (index is null)
                    log?.Invoke($"'{encodingsPath}' has no index of photo sizes and times beside it: every photo is encoded again");
                foreach (var entry in index ?? [])
                    result[entry.ImagePath] = new Previous(entry with { Faces = faces.GetValueOrDefault(entry.ImagePath) ?? [] }, false);
            }

            var journal = ImageLog.Read(encodingsPath + ImageLog.JournalSuffix, out var madeWith);
            if (journal is { Count: > 0 } && madeWith is var (model, detector))
            {
                Check(encodingsPath + ImageLog.JournalSuffix, model, detector, header);
                foreach (var entry in journal) result[entry.ImagePath] = new Previous(entry, true);
                log?.Invoke($"continuing an interrupted run: {journal.Count} photo(s) were already done");
            }
            return result;
        }

        private static void Check(string path, string model, string detector, EncodingsHeader wanted)
        {
            if (model != wanted.Model || detector != wanted.Detector)
                throw new InputException(
                    $"--update: '{path}' was made with model '{model}' and detector '{detector}', this run uses '{wanted.Model}' and " +
                    $"'{wanted.Detector}'; encodings of different models cannot be mixed: run without --update, or write to another file with -e");
        }
    }

    private sealed record Previous(ImageEntry Entry, bool FromJournal);
}
