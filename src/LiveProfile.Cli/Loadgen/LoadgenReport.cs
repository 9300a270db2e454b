using System.Globalization;
using Spectre.Console;

namespace LiveProfile.Cli.Loadgen;

/// <summary>The final numbers of a load run.</summary>
internal static class LoadgenReport
{
    public static void Write(IAnsiConsole console, LoadgenSettings settings, LoadStats s, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        Row(grid, "elapsed", string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:F2} s"));
        Row(grid, "events sent", N(s.EventsSent));
        Row(grid, "accepted", N(s.Accepted));
        Row(grid, "events/s (accepted)", N((long)(s.Accepted / seconds)));
        Row(grid, "duplicates", N(s.Duplicates));
        Row(grid, "rejected", N(s.Rejected));
        Row(grid, "requests", $"{N(s.Requests)} ({N((long)(s.Requests / seconds))}/s)");
        Row(grid, "throttled (429/503)", N(s.Throttled));
        Row(grid, "errors", N(s.Errors));
        var latency = s.Latency;
        Row(grid, "ack latency p50", LiveLine.Ms(latency.PercentileMicros(50)));
        Row(grid, "ack latency p90", LiveLine.Ms(latency.PercentileMicros(90)));
        Row(grid, "ack latency p99", LiveLine.Ms(latency.PercentileMicros(99)));
        Row(grid, "ack latency max", LiveLine.Ms(latency.MaxMicros));

        console.WriteLine();
        console.Write(grid);
        foreach (var (kind, count) in s.ErrorKinds.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            console.MarkupLine($"[red]error[/] {Markup.Escape(kind)}: {N(count)}");
        }
        foreach (var (code, count) in s.RejectedCodes.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            console.MarkupLine($"[red]rejected[/] {Markup.Escape(code)}: {N(count)} (the generator should only make valid events)");
        }
        if (settings.Rate > 0 && s.Accepted / seconds < settings.Rate * 0.9)
        {
            console.MarkupLine($"[yellow]below the target rate of {N(settings.Rate)} events/s[/]");
        }
    }

    private static void Row(Grid grid, string name, string value) => grid.AddRow(name, Markup.Escape(value));

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
