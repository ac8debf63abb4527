using System.Diagnostics;
using System.Threading.Channels;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.Imaging;
using FaceClustering.Core.Models;
using OpenCvSharp;

namespace FaceClustering.Core.Pipeline;

/// <summary>
/// The encode command as a pipeline: one stage decodes photos ahead, several workers (one face engine each,
/// one ONNX thread each) detect and describe, and the writer puts records in input order. A semaphore bounds
/// the photos in flight, so memory stays flat on any library size.
/// </summary>
public static class EncodeRun
{
    public static EncodeSummary Execute(EncodeOptions options, Action<string>? log = null, CancellationToken cancel = default)
    {
        if (options.Jobs == 0 || options.Jobs < -1)
            throw new InputException($"--jobs must be -1 (all cores) or a positive number (got {options.Jobs})");
        FaceEngine.ValidateDetectionMethod(options.DetectionMethod);
        var store = new ModelStore(ModelStore.ResolveFolder(options.ModelsFolder));
        var restoreDataset = Path.GetFullPath(options.Dataset) == Path.GetFullPath(EncodeOptions.DefaultDataset) ? options.Dataset : null;
        try
        {
            if (store.EnsureRestored(restoreDataset, log) is { } restored) log?.Invoke(restored);
        }
        catch (ModelRestoreException e)
        {
            throw new InputException(e.Message);
        }

        var photos = DatasetScanner.List(options.Dataset);
        if (photos.Count == 0)
            throw new InputException($"dataset folder '{options.Dataset}' holds no photos " +
                                     $"({string.Join(", ", EncodeOptions.ImageExtensions.Order())}); pass the folder that holds them with -i");
        var workers = Math.Max(1, Math.Min(options.EffectiveJobs, Math.Max(1, photos.Count)));
        var engineOptions = new FaceEngineOptions
        {
            DetectionMethod = options.DetectionMethod,
            Device = options.Device,
            Jitters = options.Jitters,
        };
        var engines = new FaceEngine[workers];
        try
        {
            for (var i = 0; i < workers; i++) engines[i] = new FaceEngine(store, engineOptions);
            return Run(options, photos, engines, log, cancel);
        }
        finally
        {
            foreach (var engine in engines) engine?.Dispose();
        }
    }

    private sealed record Decoded(int Index, string Path, Mat? Image, string? Problem);

    private sealed record Result(int Index, string Path, IReadOnlyList<EncodedFace> Faces, string? Problem);

    private static EncodeSummary Run(EncodeOptions options, IReadOnlyList<string> photos, FaceEngine[] engines,
        Action<string>? log, CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        // Any failing stage stops the others, so nothing waits forever on a stage that is gone.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        cancel = stop.Token;
        var inFlight = new SemaphoreSlim(4 * engines.Length);
        var decoded = Channel.CreateBounded<Decoded>(2 * engines.Length);
        var results = Channel.CreateUnbounded<Result>();

        var decoder = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < photos.Count; i++)
                {
                    await inFlight.WaitAsync(cancel);
                    var image = PhotoReader.TryRead(photos[i], out var problem);
                    await decoded.Writer.WriteAsync(new Decoded(i, photos[i], image, problem), cancel);
                }
            }
            finally
            {
                decoded.Writer.Complete();
            }
        }, cancel);

        var workers = engines.Select(engine => Task.Run(async () =>
        {
            await foreach (var item in decoded.Reader.ReadAllAsync(cancel))
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
                    catch (OpenCVException e)
                    {
                        problem = $"could not be processed ({e.Message})";
                    }
                }
                await results.Writer.WriteAsync(new Result(item.Index, item.Path, faces, problem), cancel);
            }
        }, cancel)).ToArray();
        var closer = Task.WhenAll(workers).ContinueWith(t =>
        {
            if (t.IsFaulted) stop.Cancel();
            results.Writer.Complete(t.Exception?.InnerException);
        }, TaskScheduler.Default);

        var header = EncodingsHeader.Create(FaceEngine.ModelId, engines[0].DetectorName);
        var faceCount = 0;
        var withoutFace = 0;
        var skipped = new List<(string, string)>();
        var pending = new Dictionary<int, Result>();
        var next = 0;
        var lastReport = Stopwatch.StartNew();
        using (var writer = new EncodingsWriter(options.EncodingsPath, header))
        {
            try
            {
                foreach (var result in results.Reader.ReadAllAsync(cancel).ToBlockingEnumerable(cancel))
                {
                    pending.Add(result.Index, result);
                    while (pending.Remove(next, out var ready))
                    {
                        next++;
                        inFlight.Release();
                        if (ready.Problem is not null)
                        {
                            skipped.Add((ready.Path, ready.Problem));
                            if (!ready.Problem.StartsWith(HeifDecoder.UnsupportedPrefix, StringComparison.Ordinal))
                                log?.Invoke($"skipped '{ready.Path}': {ready.Problem}");
                            continue;
                        }
                        if (ready.Faces.Count == 0) withoutFace++;
                        foreach (var face in ready.Faces)
                        {
                            writer.Write(new FaceRecord(ready.Path, face.Box, face.Encoding));
                            faceCount++;
                        }
                    }
                    if (lastReport.Elapsed.TotalSeconds >= 5)
                    {
                        log?.Invoke($"{next}/{photos.Count} images, {faceCount} faces, {next / watch.Elapsed.TotalSeconds:F2} images/s");
                        lastReport.Restart();
                    }
                }
            }
            catch
            {
                stop.Cancel();
                throw;
            }
            closer.Wait(cancel);
            decoder.Wait(cancel);
            writer.Commit();
        }

        // A format this system cannot decode is said once, with the count, not file by file.
        foreach (var group in skipped.Where(s => s.Item2.StartsWith(HeifDecoder.UnsupportedPrefix, StringComparison.Ordinal)).GroupBy(s => s.Item2))
            log?.Invoke($"skipped {group.Count()} photo(s), {group.Key} (first: '{group.First().Item1}')");

        return new EncodeSummary(photos.Count - skipped.Count, faceCount, withoutFace, skipped, watch.Elapsed, options.EncodingsPath);
    }
}
