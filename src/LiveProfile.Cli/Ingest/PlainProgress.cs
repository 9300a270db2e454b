using System.Diagnostics;
using System.Globalization;

namespace LiveProfile.Cli.Ingest;

/// <summary>Progress for redirected output: one plain line every ~2 s, no control characters.</summary>
internal sealed class PlainProgress(long? length, Stopwatch clock)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private TimeSpan _next = Every;

    public void Report(IngestSummary s)
    {
        var now = clock.Elapsed;
        if (now < _next) return;
        _next = now + Every;
        Console.WriteLine(Line(s, length, now));
    }

    public static string Line(IngestSummary s, long? length, TimeSpan elapsed)
    {
        var part = length is > 0 ? $" ({100.0 * s.BytesRead / length.Value:F0}% of {Bytes(length.Value)})" : $" ({Bytes(s.BytesRead)})";
        var rate = elapsed.TotalSeconds > 0 ? s.LinesSent / elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{elapsed.TotalSeconds,6:F1}s] {s.LinesSent:N0} lines sent{part}, {rate:N0} lines/s, {s.Accepted:N0} accepted, {s.Duplicates:N0} duplicates, {s.Rejected:N0} rejected");
    }

    public static string Bytes(long n) => n switch
    {
        >= 1 << 30 => string.Create(CultureInfo.InvariantCulture, $"{n / (double)(1 << 30):F1} GiB"),
        >= 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{n / (double)(1 << 20):F1} MiB"),
        >= 1 << 10 => string.Create(CultureInfo.InvariantCulture, $"{n / (double)(1 << 10):F1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{n} B"),
    };
}
