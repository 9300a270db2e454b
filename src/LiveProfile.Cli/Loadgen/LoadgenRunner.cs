using System.Diagnostics;
using System.Threading.Channels;
using LiveProfile.Cli.Http;
using LiveProfile.Cli.Ingest;
using Spectre.Console;

namespace LiveProfile.Cli.Loadgen;

/// <summary>
/// Runs <c>liveprofile loadgen</c>: the catalog first, then C senders posting pre-generated batches
/// until the duration is over, a live line a second, and the final report.
/// </summary>
internal static class LoadgenRunner
{
    public static async Task<int> RunAsync(LoadgenSettings settings, CancellationToken ct)
    {
        var console = Terminal.Create();
        var catalog = new LoadCatalog(LoadgenSettings.Products, settings.Seed);
        var run = RunToken();
        using var client = new EventsClient(settings.Server, settings.ApiKey, EventsClient.CreateHandler(settings.Concurrency), TimeSpan.FromSeconds(30));
        console.MarkupLine(Markup.Escape(Header(settings, client.Endpoint)));

        try
        {
            var catalogError = await SendCatalogAsync(client, catalog, settings, run, ct).ConfigureAwait(false);
            if (catalogError is not null)
            {
                console.MarkupLine($"[red]catalog not accepted:[/] {Markup.Escape(catalogError)}");
                return 1;
            }

            var stats = new LoadStats();
            var elapsed = await LoadAsync(client, catalog, settings, run, stats, console, ct).ConfigureAwait(false);
            LoadgenReport.Write(console, settings, stats, elapsed);
            return stats.Errors == 0 && stats.Rejected == 0 && stats.Accepted > 0 ? 0 : 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]interrupted[/]");
            return 1;
        }
    }

    private static async Task<string?> SendCatalogAsync(EventsClient client, LoadCatalog catalog, LoadgenSettings settings, string run, CancellationToken ct)
    {
        using var generator = new EventGenerator(catalog, settings.Users, settings.Seed, $"lg.{run}.c.");
        var sender = new BatchSender(client);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var payload in generator.CatalogBatches(settings.Batch, now))
        {
            var outcome = await sender.SendAsync(payload, ct).ConfigureAwait(false);
            if (outcome.NetworkError is { } network) return network;
            var result = outcome.Result!.Value;
            if (!result.Ok) return result.Describe();
            if (result.Answer!.Rejected is { Count: > 0 } rejected) return $"{rejected.Count} products rejected, first: {rejected[0].Code} {rejected[0].Message}";
        }
        return null;
    }

    private static async Task<TimeSpan> LoadAsync(EventsClient client, LoadCatalog catalog, LoadgenSettings settings, string run,
        LoadStats stats, IAnsiConsole console, CancellationToken ct)
    {
        var batch = settings.EffectiveBatch;
        var duration = TimeSpan.FromSeconds(settings.DurationSeconds);
        var payloads = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(2 * settings.Concurrency) { SingleReader = false });
        using var stopGenerating = CancellationTokenSource.CreateLinkedTokenSource(ct);

        // Generation runs ahead of the senders so that latency and rate measure the server, not us.
        var generators = Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount / 2, 1, settings.Concurrency))
            .Select(g => Task.Run(() => GenerateAsync(catalog, settings, $"lg.{run}.{g}.", settings.Seed + 1 + g, batch, payloads.Writer, stopGenerating.Token)))
            .ToArray();

        var pacer = new RatePacer(settings.Rate, batch);
        var schedule = new BatchSchedule(LoadgenSettings.MaxEvents / batch);
        var clock = Stopwatch.StartNew();
        var senders = Task.WhenAll(Enumerable.Range(0, settings.Concurrency)
            .Select(_ => SendLoopAsync(client, payloads.Reader, pacer, schedule, stats, batch, duration, clock, ct)));

        var live = new LiveLine(stats, clock);
        if (Console.IsOutputRedirected)
        {
            await live.RunAsync(senders, Console.WriteLine).ConfigureAwait(false);
        }
        else
        {
            await console.Live(new Markup("[grey]starting…[/]")).StartAsync(ctx =>
                live.RunAsync(senders, line => ctx.UpdateTarget(new Markup(Markup.Escape(line))))).ConfigureAwait(false);
        }
        try
        {
            await senders.ConfigureAwait(false);
        }
        finally
        {
            await stopGenerating.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(generators).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // expected: they were waiting for room in the channel
            }
        }
        return clock.Elapsed;
    }

    private static async Task GenerateAsync(LoadCatalog catalog, LoadgenSettings settings, string idPrefix, int seed, int batch,
        ChannelWriter<byte[]> writer, CancellationToken ct)
    {
        using var generator = new EventGenerator(catalog, settings.Users, seed, idPrefix);
        while (!ct.IsCancellationRequested)
        {
            var payload = generator.NextBatch(batch, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await writer.WriteAsync(payload, ct).ConfigureAwait(false);
        }
    }

    private static async Task SendLoopAsync(EventsClient client, ChannelReader<byte[]> payloads, RatePacer pacer, BatchSchedule schedule,
        LoadStats stats, int batch, TimeSpan duration, Stopwatch clock, CancellationToken ct)
    {
        while (schedule.TryNext(out var k))
        {
            var due = pacer.Due(k);
            if (due >= duration) return;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct).ConfigureAwait(false);
            if (clock.Elapsed >= duration) return;
            var payload = await payloads.ReadAsync(ct).ConfigureAwait(false);
            while (true)
            {
                try
                {
                    var result = await client.PostAsync(payload, ct).ConfigureAwait(false);
                    if (result.Ok)
                    {
                        stats.Answered(result.Elapsed, batch, result.Answer!);
                    }
                    else if (result.Retryable)
                    {
                        stats.Pushback(result.Elapsed);
                        var pause = result.RetryAfter ?? BatchSender.DefaultRetryAfter;
                        if (clock.Elapsed + pause >= duration) return;
                        await Task.Delay(pause, ct).ConfigureAwait(false);
                        continue; // the same events again
                    }
                    else
                    {
                        stats.Failed(result.Problem?.Code ?? $"http_{result.Status}", result.Elapsed, batch);
                    }
                }
                catch (HttpRequestException ex)
                {
                    stats.Failed("network: " + ex.HttpRequestError, null, batch);
                    await Task.Delay(200, ct).ConfigureAwait(false); // a down server must not become a busy loop
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    stats.Failed("timeout", null, batch);
                }
                break;
            }
        }
    }

    private static string Header(LoadgenSettings s, Uri endpoint) =>
        $"loadgen -> {endpoint}: {(s.Rate > 0 ? $"{s.Rate:N0} events/s" : "flat out")} for {s.DurationSeconds} s, " +
        $"batches of {s.EffectiveBatch:N0}, {s.Concurrency} senders, {s.Users:N0} users, {LoadgenSettings.Products:N0} products, seed {s.Seed}";

    /// <summary>Distinguishes this run's event ids from earlier runs with the same seed (which would be duplicates).</summary>
    private static string RunToken() =>
        Convert.ToString(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 16);
}
