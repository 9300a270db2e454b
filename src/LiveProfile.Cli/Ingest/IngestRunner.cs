using System.Diagnostics;
using LiveProfile.Cli.Http;
using Spectre.Console;

namespace LiveProfile.Cli.Ingest;

/// <summary>Runs <c>liveprofile ingest</c>: read, batch, send in order, report.</summary>
internal static class IngestRunner
{
    /// <summary>Request body cap, under the server's 4 MiB request limit.</summary>
    public const int MaxRequestBytes = 4_000_000;

    public static async Task<int> RunAsync(IngestSettings settings, CancellationToken ct)
    {
        Stream input;
        long? length = null;
        try
        {
            input = settings.Input == "-"
                ? Console.OpenStandardInput()
                : new FileStream(settings.Input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            if (input.CanSeek) length = input.Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"liveprofile ingest: cannot read {settings.Input}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (input.ConfigureAwait(false))
        {
            using var client = new EventsClient(settings.Server, settings.ApiKey, EventsClient.CreateHandler(1), TimeSpan.FromSeconds(120));
            var sender = new BatchSender(client);
            var summary = new IngestSummary();
            var batcher = new NdjsonBatcher(input, settings.Batch, MaxRequestBytes);
            var clock = Stopwatch.StartNew();
            string? stopped;
            try
            {
                stopped = Console.IsOutputRedirected
                    ? await PumpAsync(batcher, sender, summary, new PlainProgress(length, clock).Report, ct).ConfigureAwait(false)
                    : await WithProgressBarAsync(batcher, sender, summary, length, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                stopped = "interrupted; the rest of the input was not sent";
            }
            IngestReport.Write(Terminal.Create(), settings.Input, client.Endpoint, summary, clock.Elapsed, sender.Retries, stopped);
            return summary.AllAnswered && stopped is null ? 0 : 1;
        }
    }

    /// <summary>Sends every batch in input order; returns why it stopped early, or null.</summary>
    internal static async Task<string?> PumpAsync(NdjsonBatcher batcher, BatchSender sender, IngestSummary summary,
        Action<IngestSummary> progress, CancellationToken ct)
    {
        while (await batcher.NextAsync(ct).ConfigureAwait(false) is { } batch)
        {
            if (batch.OversizeLine is not null)
            {
                summary.AddOversize(batch, MaxRequestBytes);
            }
            else if (batch.Events == 0)
            {
                summary.Skip(batch);
            }
            else
            {
                var outcome = await sender.SendAsync(batch.Payload, ct).ConfigureAwait(false);
                if (outcome.Result is { Ok: true } ok)
                {
                    summary.AddAnswer(batch, ok.Answer!);
                }
                else
                {
                    var reason = outcome.NetworkError ?? outcome.Result!.Value.Describe();
                    summary.AddFailure(batch, reason);
                    if (outcome.NetworkError is not null || IsFatal(outcome.Result!.Value.Status))
                    {
                        progress(summary);
                        return "after that failure; the rest of the input was not sent";
                    }
                }
            }
            progress(summary);
        }
        return null;
    }

    /// <summary>Answers every later batch would get too: stop instead of sending the rest for nothing.</summary>
    private static bool IsFatal(int status) => status is 401 or 403 or 404 or 405 or 415;

    private static Task<string?> WithProgressBarAsync(NdjsonBatcher batcher, BatchSender sender, IngestSummary summary, long? length, CancellationToken ct) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("ingest", maxValue: Math.Max(1, length ?? 1));
                task.IsIndeterminate = length is null;
                var result = await PumpAsync(batcher, sender, summary, s =>
                {
                    task.Description = $"{s.LinesSent:N0} lines";
                    task.Value = length is null ? 0 : s.BytesRead;
                }, ct).ConfigureAwait(false);
                if (result is null && length is not null) task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });
}
