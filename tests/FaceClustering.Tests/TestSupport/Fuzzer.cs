using System.Diagnostics;

namespace FaceClustering.Tests.TestSupport;

/// <summary>
/// Seeded mutation fuzzing for the readers that take files from outside. Each mutant of a real file (bytes
/// flipped, set to 0x00/0xFF/0x7F/MessagePack markers, runs of 0xFF that make huge lengths, truncations, repeated
/// spans) must give a result or the one expected error, never another exception, and each read must end within
/// 5 s. Seconds per reader: FACECLUSTERING_FUZZ_SECONDS (default 30: under two minutes for the three readers and the
/// JPEG check, which takes half a share; README, "Bad input", says how to fuzz longer).
/// </summary>
public static class Fuzzer
{
    public static double Seconds =>
        double.TryParse(Environment.GetEnvironmentVariable("FACECLUSTERING_FUZZ_SECONDS"), out var s) && s > 0 ? s : 30;

    public static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToArray();
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits && bytes.Length > 0; e++)
        {
            var at = random.Next(bytes.Length);
            switch (random.Next(6))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = new byte[] { 0x00, 0xFF, 0x7F, 0x80, 0xC1, 0xDB, 0xDD, 0xC6 }[random.Next(8)]; break;
                case 2:
                    for (var k = at; k < Math.Min(bytes.Length, at + 1 + random.Next(8)); k++) bytes[k] = 0xFF; // huge lengths
                    break;
                case 3: bytes = bytes[..at]; break; // truncated
                case 4:
                    var length = Math.Min(bytes.Length - at, 1 + random.Next(64));
                    bytes = [.. bytes[..at], .. bytes.AsSpan(at, length), .. bytes[at..]]; // a span repeated
                    break;
                default: bytes[at] = (byte)random.Next(256); break;
            }
        }
        return bytes;
    }

    /// <summary>Runs <paramref name="read"/> on mutants for <see cref="Seconds"/>; each read must end within 5 s.</summary>
    /// <param name="share">The part of <see cref="Seconds"/> this run takes (several inputs of one reader share it).</param>
    public static void Run(string what, byte[] original, int seed, ITestOutputHelper output, string crashFile, Action<byte[]> read,
        double share = 1)
    {
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        var cases = 0;
        var slowest = TimeSpan.Zero;
        while (watch.Elapsed.TotalSeconds < Seconds * share)
        {
            var mutant = Mutate(original, random);
            var one = Stopwatch.StartNew();
            try
            {
                read(mutant);
            }
            catch (Exception e)
            {
                File.WriteAllBytes(crashFile, mutant);
                Assert.Fail($"{what}: case {cases} (seed {seed}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
            if (one.Elapsed > slowest) slowest = one.Elapsed;
            Assert.True(one.Elapsed < TimeSpan.FromSeconds(5), $"{what}: case {cases} took {one.Elapsed.TotalSeconds:F1} s");
            cases++;
        }
        output.WriteLine($"{what}: {cases} mutants in {watch.Elapsed.TotalSeconds:F0} s, slowest {slowest.TotalMilliseconds:F0} ms");
        Assert.True(cases > 100, $"{what}: only {cases} cases ran");
    }
}
