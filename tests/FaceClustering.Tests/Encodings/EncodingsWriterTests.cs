using System.Buffers;
using FaceClustering.CommandLine;
using MessagePack;

namespace FaceClustering.Tests.Encodings;

/// <summary>Writing the encodings file: every bit kept, nothing in place until committed, and readable by Python's msgpack as the README shows.</summary>
public class EncodingsWriterTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static FaceRecord Face(int seed, string path = "photos/a.jpg") => SampleRecords.Face(seed, path);

    [Fact]
    public void Round_trip_keeps_header_paths_boxes_and_every_float_bit()
    {
        var path = _temp.Combine("e.msgpack");
        var header = new EncodingsHeader("dlib_resnet_v1", "cnn", new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));
        FaceRecord[] faces = [Face(1), Face(2, "ünïcödé/名前 with, comma.jpg"), Face(3)];
        EncodingsWriter.WriteAll(path, header, faces);

        using var reader = EncodingsReader.Open(path);
        Assert.Equal("dlib_resnet_v1", reader.Header.Model);
        Assert.Equal("cnn", reader.Header.Detector);
        Assert.Equal(2, reader.Header.Version);
        Assert.Equal(header.Created, reader.Header.Created);
        var read = reader.ReadAll().ToList();
        Assert.Equal(faces.Length, read.Count);
        for (var i = 0; i < faces.Length; i++)
        {
            Assert.Equal(faces[i].ImagePath, read[i].ImagePath);
            Assert.Equal(faces[i].Box, read[i].Box);
            Assert.Equal(faces[i].Encoding, read[i].Encoding); // exact: float32 on disk
            Assert.Equal(faces[i].Quality, read[i].Quality);
        }
    }

    [Fact]
    public void A_writer_that_never_commits_leaves_no_file_and_keeps_the_previous_one()
    {
        var path = _temp.Combine("e.msgpack");
        EncodingsWriter.WriteAll(path, EncodingsHeader.Create("old", "cnn"), [Face(1)]);
        using (var writer = new EncodingsWriter(path, EncodingsHeader.Create("new", "cnn")))
        {
            writer.Write(Face(2));
            writer.Write(Face(3));
            // a crash here: no Commit
        }
        Assert.Equal("old", FaceSet.Load(path).Header.Model);
        Assert.Single(Directory.GetFiles(_temp.Path)); // no temporary file left behind
    }

    [Fact]
    public void Python_msgpack_reads_the_file_as_the_readme_shows()
    {
        const string python = "/usr/bin/python3";
        Assert.SkipUnless(File.Exists(python), "Debian's python3 is not installed (apt-get install python3-msgpack)");
        var probe = Run(python, "-c \"import msgpack\"");
        Assert.SkipUnless(probe.ExitCode == 0, "python3-msgpack is not installed (apt-get install python3-msgpack)");

        var path = _temp.Combine("e.msgpack");
        EncodingsWriter.WriteAll(path, EncodingsHeader.Create("dlib_resnet_v1", "cnn"), [Face(1, "a.jpg"), Face(2, "b.jpg")]);
        var script = _temp.Combine("read.py");
        File.WriteAllText(script, """
            import sys, msgpack
            with open(sys.argv[1], "rb") as f:
                items = list(msgpack.Unpacker(f, raw=False))
            header, faces = items[0], items[1:]
            assert header["format"] == "face-encodings" and header["version"] == 2, header
            for face in faces:
                top, right, bottom, left = face["loc"]
                width, height = face["photoSize"]
                print(face["imagePath"], top, right, bottom, left, len(face["encoding"]), "%.6f" % face["encoding"][0],
                      face["size"], "%.2f" % face["sharpness"], "%.1f" % face["yaw"], width, height)
            """);
        var result = Run(python, $"\"{script}\" \"{path}\"");
        Assert.Equal(0, result.ExitCode);
        var a = Face(1, "a.jpg");
        var lines = result.Output.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal($"a.jpg {a.Box.Top} {a.Box.Right} {a.Box.Bottom} {a.Box.Left} 128 {a.Encoding[0]:F6} 81 123.25 -29.5 640 481", lines[0]);
    }

    private static (int ExitCode, string Output) Run(string file, string arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
