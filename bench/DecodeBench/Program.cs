// Decode time of one photo, three ways, in alternating rounds in one process: OpenCV's imdecode (the decoder
// before SkiaSharp), SkiaSharp alone, and the reader as it is (libjpeg-turbo's API for sequential JPEGs on Linux,
// libvips for other large JPEGs, Skia for the rest).
//   decode-bench PHOTO... [--rounds N]
using System.Diagnostics;
using System.Reflection;
using FaceClustering.Core.Encode;
using FaceClustering.Core.Imaging;
using OpenCvSharp;

var rounds = 9;
var photos = new List<string>();
for (var i = 0; i < args.Length; i++)
    if (args[i] == "--rounds") rounds = int.Parse(args[++i]);
    else photos.Add(args[i]);
NativeHeap.KeepLargeBlocks(); // as encode does
var skiaAlone = typeof(SkiaPhotoDecoder).GetMethod("TryDecode", BindingFlags.NonPublic | BindingFlags.Static,
    [typeof(byte[]), typeof(bool), typeof(PhotoProblem).MakeByRefType()])!;
Console.WriteLine("| photo | pixels | OpenCV ms | Skia alone ms | ours ms | OpenCV / ours (above 1: ours faster) |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var photo in photos)
{
    var bytes = File.ReadAllBytes(photo);
    var ways = new (string Name, Action Decode)[]
    {
        ("opencv", () => { using var mat = Cv2.ImDecode(bytes, ImreadModes.Color); }),
        ("skia", () => ((BgrImage)skiaAlone.Invoke(null, [bytes, false, null])!).Dispose()),
        ("ours", () => ((BgrImage)skiaAlone.Invoke(null, [bytes, true, null])!).Dispose()),
    };
    var times = ways.ToDictionary(w => w.Name, _ => new List<double>());
    foreach (var way in ways) way.Decode(); // warm: libraries loaded, blocks allocated
    for (var r = 0; r < rounds; r++)
        foreach (var (name, decode) in ways)
        {
            var clock = Stopwatch.StartNew();
            for (var k = 0; k < 5; k++) decode();
            times[name].Add(clock.Elapsed.TotalMilliseconds / 5);
        }
    double Median(string name) => times[name].Order().ElementAt(times[name].Count / 2);
    using var size = Cv2.ImDecode(bytes, ImreadModes.Color);
    Console.WriteLine($"| {Path.GetFileName(photo)} | {size.Width}x{size.Height} | {Median("opencv"):F1} | {Median("skia"):F1} | " +
                      $"{Median("ours"):F1} | {Median("opencv") / Median("ours"):F2} |");
}
