using System.Globalization;
using Spectre.Console;

namespace LiveProfile.Cli.Ingest;

/// <summary>The final summary of an ingest. Server text is escaped: it is data, not markup.</summary>
internal static class IngestReport
{
    public static void Write(IAnsiConsole console, string input, Uri endpoint, IngestSummary s, TimeSpan elapsed, int retries, string? stopped)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        var totals = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        Row(totals, "lines sent", N(s.LinesSent));
        Row(totals, "accepted", N(s.Accepted));
        Row(totals, "duplicates", N(s.Duplicates));
        Row(totals, "rejected", N(s.Rejected));
        if (s.Unanswered > 0) Row(totals, "unanswered", N(s.Unanswered));
        Row(totals, "requests", $"{N(s.Batches)} ({N(s.FailedBatches)} failed, {N(retries)} retries)");
        Row(totals, "elapsed", string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:F2} s"));
        Row(totals, "events/s", N((long)((s.LinesSent - s.Unanswered) / seconds))); // answered ones only

        console.WriteLine();
        console.MarkupLine($"[bold]ingest[/] {Markup.Escape(input == "-" ? "stdin" : input)} -> {Markup.Escape(endpoint.ToString())}");
        console.Write(totals);

        if (s.RejectedByCode.Count > 0)
        {
            var byCode = new Table().Title("rejected by code").AddColumn("code").AddColumn(new TableColumn("lines").RightAligned());
            foreach (var (code, count) in s.RejectedByCode) byCode.AddRow(Markup.Escape(code), N(count));
            console.Write(byCode);

            var lines = new Table().Title($"first {Math.Min(s.FirstRejections.Count, IngestSummary.ListedRejections)} rejected lines")
                .AddColumn(new TableColumn("line").RightAligned()).AddColumn("id").AddColumn("code").AddColumn("message");
            foreach (var r in s.FirstRejections.OrderBy(r => r.Line))
            {
                lines.AddRow(N(r.Line), Markup.Escape(r.Id ?? "-"), Markup.Escape(r.Code), Markup.Escape(r.Message ?? ""));
            }
            console.Write(lines);
        }
        foreach (var failure in s.Failures) console.MarkupLine($"[red]failed[/] {Markup.Escape(failure)}");
        if (stopped is not null) console.MarkupLine($"[red]stopped early:[/] {Markup.Escape(stopped)}");
    }

    private static void Row(Grid grid, string name, string value) => grid.AddRow(name, value);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
