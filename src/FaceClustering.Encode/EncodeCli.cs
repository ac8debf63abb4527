using System.CommandLine;
using FaceClustering.CommandLine;
using FaceClustering.Core.Detection;
using FaceClustering.Core.Encode;
using FaceClustering.Core.Encodings;
using FaceClustering.Core.Inference;
using FaceClustering.Core.Models;
using FaceClustering.Core;

namespace FaceClustering.Encode;

/// <summary>The <c>encode</c> command line: wires options to <see cref="EncodeRun"/> and reports the outcome.</summary>
public static class EncodeCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, TextReader.Null, stdout, stderr, interactive: false, CancellationToken.None);

    /// <param name="stdin">Where <c>-i -</c> reads photo paths.</param>
    /// <param name="interactive">stderr is a terminal: draw a progress bar.</param>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken cancel)
    {
        var defaults = new EncodeOptions();
        var dataset = new Option<string>("--dataset", "-i")
        {
            Description = "Folder of photos, searched recursively (jpg, jpeg, png, bmp, tif, tiff, webp, heic, heif, avif); " +
                          "- reads photo paths from standard input, one per line",
            DefaultValueFactory = _ => defaults.Dataset,
        };
        var nulSeparated = new Option<bool>("--null", "-0")
        {
            Description = "With -i -: paths on standard input are separated by NUL characters (find -print0)",
        };
        var update = new Option<bool>("--update")
        {
            Description = "Keep the encodings of unchanged photos (same size and time), encode new and changed ones, drop " +
                          "deleted ones; continues an interrupted run",
        };
        var shard = new Option<string>("--shard")
        {
            Description = "Encode only share K of N (K/N, 1 <= K <= N) of the photos, chosen by a stable hash of their " +
                          "relative path, to spread a library over N machines; cluster all N files together with -e ... -e ...",
            DefaultValueFactory = _ => "1/1",
        };
        var wait = new Option<bool>("--wait")
        {
            Description = "When another encode run is writing the same encodings file, wait for it (by default: exit 2 at once)",
        };
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "No progress output (errors and the summary still print)",
        };
        var encodings = new Option<string>("--encodings", "-e")
        {
            Description = "Encodings file to write (MessagePack; see README)",
            DefaultValueFactory = _ => defaults.EncodingsPath,
        };
        var method = new Option<string>("--detection-method", "-d")
        {
            Description = "Face detector: cnn (SSD MobileNet v1) or hog (dlib's HOG detector)",
            DefaultValueFactory = _ => defaults.Engine.DetectionMethod.Name(),
        };
        method.AcceptOnlyFromAmong([.. DetectionMethodNames.All]);
        var upsample = new Option<int>("--upsample")
        {
            Description = "Upsample each photo this many times (2x each) before detection, to find small faces: 0 finds faces " +
                          $"from about 80 px, 1 from 40 px, 2 from 20 px (slower; at most {FaceEngineOptions.MaxUpsample})",
            DefaultValueFactory = _ => defaults.Engine.Upsample,
        };
        var precision = new Option<string>("--precision")
        {
            Description = "The cnn detector's arithmetic on the CPU: int8 (8-bit, about twice as fast) or float " +
                          "(face-api's own numbers); with --device cuda it is float",
            DefaultValueFactory = _ => defaults.Engine.Precision == SsdPrecision.Float ? "float" : "int8",
        };
        precision.AcceptOnlyFromAmong("int8", "float");
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Worker threads; -1 uses every core",
            DefaultValueFactory = _ => defaults.Jobs,
        };
        var models = new Option<string?>("--models")
        {
            Description = $"Folder of the face models (default: ${ModelStore.EnvironmentVariable}, else {ModelStore.DefaultFolder}/; restored there with npm on first use)",
        };
        var device = new Option<string>("--device")
        {
            Description = "Where the networks run: cpu or cuda (needs a CUDA build of ONNX Runtime and an NVIDIA GPU)",
            DefaultValueFactory = _ => "cpu",
        };
        device.AcceptOnlyFromAmong("cpu", "cuda");
        var jitters = new Option<int>("--jitters")
        {
            Description = "Re-sample each face this many times and average the encodings (face_recognition's num_jitters)",
            DefaultValueFactory = _ => defaults.Engine.Jitters,
        };

        var root = new RootCommand("Detect every face in a folder of photos and write its box and 128-d encoding to a file.")
        {
            dataset, encodings, method, upsample, precision, jobs, models, device, jitters, update, nulSeparated, shard, wait, quiet,
        };

        var exitCode = CommandLineHost.ExitOk;
        var encodingsPath = defaults.EncodingsPath;
        root.SetAction(parsed =>
        {
            var input = parsed.GetValue(dataset)!;
            encodingsPath = parsed.GetValue(encodings)!;
            // Each value is checked as the options record takes it; a value no run can use ends here with one line.
            var options = new EncodeOptions
            {
                Dataset = input,
                InputPaths = input == "-" ? ReadPaths(stdin, parsed.GetValue(nulSeparated)) : null,
                Update = parsed.GetValue(update),
                Wait = parsed.GetValue(wait),
                Shard = Shard.Parse(parsed.GetValue(shard)!),
                EncodingsPath = encodingsPath,
                Engine = new FaceEngineOptions
                {
                    DetectionMethod = DetectionMethodNames.Parse(parsed.GetValue(method)!),
                    Upsample = parsed.GetValue(upsample),
                    Device = parsed.GetValue(device) == "cuda" ? InferenceDevice.Cuda : InferenceDevice.Cpu,
                    Jitters = parsed.GetValue(jitters),
                    Precision = parsed.GetValue(precision) == "float" ? SsdPrecision.Float : SsdPrecision.Int8,
                },
                Jobs = parsed.GetValue(jobs),
                ModelsFolder = parsed.GetValue(models),
            };
            var progress = new ProgressPrinter(stderr, interactive, parsed.GetValue(quiet), "images");
            var summary = EncodeRun.Execute(options, line => stderr.WriteLine($"encode: {line}"),
                new Progress(p => progress.Report("encoding", p.Done, p.Total, p.Elapsed)), cancel);
            stdout.WriteLine(summary.ToString());
            exitCode = summary.Skipped.Count > 0 ? CommandLineHost.ExitSkipped : CommandLineHost.ExitOk;
        });

        return CommandLineHost.Run("encode", root, args, stdout, stderr, () => exitCode, new CommandLineHost.Wording(
            "could not write the encodings",
            () => $"interrupted; '{encodingsPath}' is as it was; run again with --update to continue where this run stopped"));
    }

    /// <summary>Reports synchronously (System.Progress would post to the thread pool, out of order).</summary>
    private sealed class Progress(Action<EncodeProgress> report) : IProgress<EncodeProgress>
    {
        public void Report(EncodeProgress value) => report(value);
    }

    private static IReadOnlyList<string> ReadPaths(TextReader stdin, bool nulSeparated)
    {
        var text = stdin.ReadToEnd();
        if (!nulSeparated && text.Contains('\0'))
            throw new InputException($"standard input holds NUL characters: paths separated by NUL (find -print0) need -0");
        return text.Split(nulSeparated ? '\0' : '\n')
            .Select(p => nulSeparated ? p : p.TrimEnd('\r'))
            .Where(p => p.Length > 0)
            .ToList();
    }
}
