using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Spectre.Console;

namespace LiveProfile.Cli.Evaluate;

/// <summary>
/// Runs <c>liveprofile evaluate</c>: waits until the server has applied everything and settled its
/// tags, reads every person's profile, scores the rule tags against the ground truth, and explains
/// the worst errors with the server's own explanations.
/// </summary>
internal static class EvaluateRunner
{
    public static async Task<int> RunAsync(Uri server, string? apiKey, string truthFile, string? reportFile, int examples, int concurrency, CancellationToken ct)
    {
        var console = Terminal.Create();
        List<TruthLine> people;
        string header;
        try
        {
            (header, people) = await ReadTruthAsync(truthFile, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            await Console.Error.WriteLineAsync($"liveprofile evaluate: cannot read {truthFile}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        using var reader = new ProfileReader(server, apiKey, concurrency);
        console.MarkupLineInterpolated($"Waiting for {server} to apply every event and settle its tags…");
        var settled = await reader.WaitSettledAsync(TimeSpan.FromMinutes(30), h =>
        {
            if (Console.IsOutputRedirected) return;
            console.Markup(string.Create(CultureInfo.InvariantCulture, $"\r  applied {h.AppliedLsn:N0} of {h.LastLsn:N0}{(h.TagWorkPending ? ", tags settling" : "")}   "));
        }, ct).ConfigureAwait(false);
        if (!Console.IsOutputRedirected) console.WriteLine();
        if (!settled)
        {
            console.MarkupLine("[red]the server did not settle within 30 minutes[/]");
            return 1;
        }
        var taxonomy = await reader.TaxonomyAsync(ct).ConfigureAwait(false);
        var scores = new QualityScores(taxonomy.Tags.Where(t => t.Source == "rule"));
        var clock = Stopwatch.StartNew();
        await ScoreAsync(reader, people, scores, concurrency, ct).ConfigureAwait(false);
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Read {people.Count:N0} profiles in {clock.Elapsed.TotalSeconds:F1} s.");
        var worst = await ExplainWorstAsync(reader, scores, examples, ct).ConfigureAwait(false);
        var report = QualityReport.Markdown(header, truthFile, taxonomy.Version, scores, worst);
        QualityReport.Write(console, scores);
        if (reportFile is not null)
        {
            await File.WriteAllTextAsync(reportFile, report, ct).ConfigureAwait(false);
            console.MarkupLineInterpolated($"report: [bold]{reportFile}[/]");
        }
        return 0;
    }

    private static async Task<(string Header, List<TruthLine> People)> ReadTruthAsync(string path, CancellationToken ct)
    {
        var people = new List<TruthLine>();
        string? header = null;
        using var file = new StreamReader(path);
        while (await file.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            if (header is null)
            {
                header = line;
                if (!line.Contains("liveprofile-ground-truth", StringComparison.Ordinal)) throw new JsonException("not a ground-truth file (no header line)");
                continue;
            }
            people.Add(JsonSerializer.Deserialize(line, EvaluateJsonContext.Default.TruthLine) ?? throw new JsonException("empty line"));
        }
        return (header ?? throw new JsonException("empty file"), people);
    }

    private static async Task ScoreAsync(ProfileReader reader, List<TruthLine> people, QualityScores scores, int concurrency, CancellationToken ct)
    {
        var results = Channel.CreateBounded<(TruthLine, HashSet<string>?)>(1024);
        var next = -1;
        var readers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < people.Count)
            {
                var tags = await reader.TagsAsync(people[i].Person, ct).ConfigureAwait(false);
                await results.Writer.WriteAsync((people[i], tags), ct).ConfigureAwait(false);
            }
        }).ToArray();
        var completion = Task.WhenAll(readers).ContinueWith(t => results.Writer.TryComplete(t.Exception), TaskScheduler.Default);
        var done = 0;
        await foreach (var (person, tags) in results.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            scores.Add(person, tags); // one reader of the channel: the scores need no lock
            if (++done % 20_000 == 0) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done:N0} of {people.Count:N0} profiles read"));
        }
        await completion.ConfigureAwait(false);
    }

    /// <summary>The tags with the lowest F1: a few wrong people each, with the server's explanation of the tag for them.</summary>
    private static async Task<List<WorstExample>> ExplainWorstAsync(ProfileReader reader, QualityScores scores, int perTag, CancellationToken ct)
    {
        var list = new List<WorstExample>();
        foreach (var tag in scores.Tags.Where(t => t.FalsePositives + t.FalseNegatives > 0).OrderBy(t => double.IsNaN(t.F1) ? 0 : t.F1).Take(6))
        {
            foreach (var person in tag.FalsePositiveExamples.Take(perTag))
            {
                list.Add(new WorstExample(tag.Id, person, "carried, should not be", await reader.ExplainAsync(person, tag.Id, ct).ConfigureAwait(false)));
            }
            foreach (var person in tag.FalseNegativeExamples.Take(perTag))
            {
                list.Add(new WorstExample(tag.Id, person, "missing", await reader.ExplainAsync(person, tag.Id, ct).ConfigureAwait(false)));
            }
        }
        return list;
    }
}

internal sealed record WorstExample(string Tag, string Person, string Error, string Explanation);
