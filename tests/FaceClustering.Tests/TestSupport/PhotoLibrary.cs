using FaceClustering.Core.People;

namespace FaceClustering.Tests.TestSupport;

/// <summary>
/// A small photo library made on the spot: real JPEG files with a coloured "face" patch per face, and an
/// encodings file whose embeddings put each person's faces about 0.3 apart and different people about 1 apart.
/// </summary>
public sealed class PhotoLibrary
{
    public required string Root { get; init; }
    public required string EncodingsPath { get; init; }
    public required List<FaceRecord> Faces { get; init; }

    /// <summary>The person of each face (-1 for one-off strangers), in record order.</summary>
    public required List<int> Persons { get; init; }

    public IEnumerable<string> PhotoPaths => Faces.Select(f => f.ImagePath).Distinct();

    /// <param name="people">Photos per person; each photo shows one face of that person.</param>
    /// <param name="strangers">Photos with one face of someone seen once.</param>
    /// <param name="groupPhotos">Photos holding one face of person 0 and one of person 1.</param>
    public static PhotoLibrary Create(string folder, int[] people, int strangers = 2, int groupPhotos = 1,
        bool relativePaths = false, int seed = 1)
    {
        var random = new Random(seed);
        var photos = Path.Combine(folder, "photos");
        Directory.CreateDirectory(photos);
        var centers = people.Select(_ => SyntheticFaceLibrary.Identity(random)).ToArray();
        var faces = new List<FaceRecord>();
        var persons = new List<int>();
        var photoNumber = 0;

        string NewPhoto(params (int Person, FaceBox Box)[] content)
        {
            var path = Path.Combine(photos, $"img{photoNumber++:D3}.jpg");
            using var image = TestImages.Solid(320, 240, (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            foreach (var (person, box) in content)
            {
                var (b, g, r) = person < 0 ? (128, 128, 128) : (40 * person % 256, 255 - 50 * person % 256, 90);
                TestImages.FillRect(image, new PixelRect(box.Left, box.Top, box.Width, box.Height), (byte)b, (byte)g, (byte)r);
            }
            TestImages.Write(image, path);
            return relativePaths ? Path.GetRelativePath(folder, path) : path;
        }

        void AddFace(string photo, int person, FaceBox box)
        {
            var encoding = person < 0 ? SyntheticFaceLibrary.Identity(random) : SyntheticFaceLibrary.Near(random, centers[person]);
            faces.Add(new FaceRecord(photo, box, encoding));
            persons.Add(person);
        }

        var left = new FaceBox(40, 120, 140, 30);
        var right = new FaceBox(60, 300, 160, 200);
        for (var round = 0; round < people.Max(); round++)
        for (var person = 0; person < people.Length; person++)
        {
            if (round >= people[person]) continue;
            AddFace(NewPhoto((person, left)), person, left);
        }
        for (var s = 0; s < strangers; s++)
            AddFace(NewPhoto((-1, right)), -1, right);
        for (var g = 0; g < groupPhotos; g++)
        {
            var photo = NewPhoto((0, left), (1, right));
            AddFace(photo, 0, left);
            AddFace(photo, 1, right);
        }

        var encodings = Path.Combine(folder, "encodings", "encodings.msgpack");
        EncodingsWriter.WriteAll(encodings, EncodingsHeader.Create("synthetic", "test", Path.GetFullPath(Path.Combine(folder, "photos"))), faces);
        return new PhotoLibrary
        {
            Root = folder,
            EncodingsPath = relativePaths ? Path.GetRelativePath(folder, encodings) : encodings,
            Faces = faces,
            Persons = persons,
        };
    }

    /// <summary>SHA-256 of every file under the photo folder, to prove nothing was touched.</summary>
    public Dictionary<string, string> Fingerprint() =>
        Directory.EnumerateFiles(Path.Combine(Root, "photos"), "*", SearchOption.AllDirectories)
            .ToDictionary(p => p, p => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p))));
}
