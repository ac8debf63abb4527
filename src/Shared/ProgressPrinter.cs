using System.Diagnostics;
using System.Globalization;

namespace FaceClustering.CommandLine;

/// <summary>
/// Shows progress on stderr: on a terminal a bar redrawn in place (count, rate, time left); otherwise a plain
/// line every few seconds, so logs stay readable; nothing when quiet. Never writes to stdout.
/// </summary>
public sealed class ProgressPrinter(TextWriter stderr, bool interactive, bool quiet, string unit)
{
    private const int BarWidth = 30;
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private bool _drawn;
    private readonly object _gate = new();

    /// <summary>Seconds between plain lines when stderr is not a terminal.</summary>
    public double PlainInterval { get; init; } = 5;

    public void Report(string stage, long done, long total, TimeSpan elapsed)
    {
        if (quiet) return;
        lock (_gate)
        {
            var finished = total > 0 && done >= total;
            if (interactive)
            {
                if (_drawn && !finished && _sinceLast.Elapsed.TotalSeconds < 0.2) return;
            }
            else if (finished ? !_drawn && PlainInterval > 0 : _sinceLast.Elapsed.TotalSeconds < PlainInterval)
            {
                return; // a plain line every few seconds; a short run needs none
            }
            _sinceLast.Restart();

            var rate = done / Math.Max(elapsed.TotalSeconds, 1e-9);
            var left = rate > 0 && total > done ? TimeSpan.FromSeconds((total - done) / rate) : TimeSpan.Zero;
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{stage} {done}/{total} {unit} {rate:F1} {unit}/s, {Format(left)} left");
            if (interactive)
            {
                var filled = total > 0 ? (int)(BarWidth * Math.Min(1, (double)done / total)) : 0;
                stderr.Write($"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {text}   ");
                if (finished) stderr.WriteLine();
            }
            else
            {
                stderr.WriteLine(text);
            }
            _drawn = !finished;
            stderr.Flush();
        }
    }

    private static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:D2}s" : $"{t.Seconds}s";
}
