// The managed HOG detector on a list of photos, one thread, timed as tools/dlib-hog-reference times dlib's:
// from the decoded photo to the trimmed boxes (upsampling included, decoding not). Same output format:
// one JSON object per photo {"path", "width", "height", "ms", "faces": [[top, right, bottom, left, score], ...]}.
//   hog-bench [--upsample N] [--rounds R] PHOTO...     (R rounds: the fastest time of each photo is printed)
// bench/run.sh passes the first photo twice to both programs and drops the first line of each (a warm-up).
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FaceClustering.Core.Detection.Hog;
using FaceClustering.Core.Imaging;

var upsample = 1;
var rounds = 1;
var paths = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--upsample" && i + 1 < args.Length) upsample = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--rounds" && i + 1 < args.Length) rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else paths.Add(args[i]);
}

var detector = new HogFaceDetector(upsample);
foreach (var path in paths)
{
    using var image = PhotoReader.TryRead(path);
    if (image is null)
    {
        Console.WriteLine($"{{\"path\": \"{path}\", \"error\": \"cannot load\"}}");
        continue;
    }
    var best = double.MaxValue;
    IReadOnlyList<FaceClustering.Core.Detection.DetectedFace> faces = [];
    for (var r = 0; r < rounds; r++)
    {
        var watch = Stopwatch.StartNew();
        faces = detector.Detect(image);
        best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
    }
    var line = new StringBuilder().Append(CultureInfo.InvariantCulture,
        $"{{\"path\": \"{path}\", \"width\": {image.Width}, \"height\": {image.Height}, \"ms\": {best:F2}, \"faces\": [");
    for (var f = 0; f < faces.Count; f++)
        line.Append(CultureInfo.InvariantCulture,
            $"{(f > 0 ? ", " : "")}[{faces[f].Top:F0}, {faces[f].Right:F0}, {faces[f].Bottom:F0}, {faces[f].Left:F0}, {faces[f].Score:F4}]");
    Console.WriteLine(line.Append("]}"));
}
