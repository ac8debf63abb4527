using System.Collections.Concurrent;
using FaceClustering.Core.Imaging;

namespace FaceClustering.Core.Encode;

/// <summary>
/// The photos of a run through the face engines: one stage decodes photos ahead, several workers (one engine each,
/// one ONNX thread each) detect and describe, and results come back in input order. A semaphore bounds the photos
/// in flight, so memory stays flat on any library size. Any failing stage stops the others; on every way out the
/// stages are waited for, so no worker is still inside a network when the caller disposes the engines.
/// </summary>
internal static class EncodePipeline
{
    /// <summary>One photo's outcome: its faces, or the problem that stopped it; its size and time when it was read.</summary>
    public sealed record Result(int Index, string Path, IReadOnlyList<EncodedFace> Faces, PhotoProblem? Problem, (long Size, long Ticks)? Stat);

    private sealed record Decoded(int Index, string Path, BgrImage? Image, PhotoProblem? Problem, (long Size, long Ticks)? Stat);

    /// <summary>Results in input order; decoding runs ahead on its own thread and workers run in parallel.</summary>
    public static IEnumerable<Result> Run(IReadOnlyList<string> photos, FaceEngine[] engines, CancellationToken outer)
    {
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
                    var stat = Encodings.ImageEntry.Stat(photos[i]);
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
                        problem = "too large to process in the memory available; try fewer jobs or less upsampling";
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
}
