using System.Diagnostics;
using System.Globalization;
using LiveProfile.Cli.Http;
using LiveProfile.Simulation;
using LiveProfile.Simulation.Generation;
using LiveProfile.Simulation.Output;
using Spectre.Console;

namespace LiveProfile.Cli.Simulate;

/// <summary>Runs <c>liveprofile simulate</c>: generate the run, write or send its events, write the ground truth, report.</summary>
internal static class SimulateRunner
{
    public static async Task<int> RunAsync(SimulateSettings settings, CancellationToken ct)
    {
        var options = settings.Simulation;
        var simulation = new LiveCommerceSimulation(options);
        var writer = new EventWriter(options.Seed, options.EndMs, simulation.Catalog);
        var console = Terminal.Create();
        console.MarkupLine(CultureInfo.InvariantCulture, "Simulating [bold]{0:N0}[/] people over [bold]{1}[/] days ({2} → {3}), {4:N0} products, {5} rooms, seed {6}",
            options.Users, options.Days, SimClock.Rfc3339(simulation.StartMs), SimClock.Rfc3339(options.EndMs), simulation.Catalog.Products.Count,
            options.Rooms, options.Seed);
        var clock = Stopwatch.StartNew();
        DeliveryTally? tally = null;
        long written = 0;
        try
        {
            await WithDayProgressAsync(options.Days, async onDay =>
            {
                var deliveries = simulation.Deliveries(onDay);
                if (settings.OutFile is { } file) written = await WriteFileAsync(file, writer, deliveries, ct).ConfigureAwait(false);
                else
                {
                    using var client = new EventsClient(settings.Server!, settings.ApiKey, EventsClient.CreateHandler(settings.Concurrency), TimeSpan.FromSeconds(120));
                    var sender = new SimulationSender(client, writer, settings.Batch, settings.Concurrency);
                    tally = sender.Tally;
                    await sender.RunAsync(deliveries, settings.RealTime, long.MinValue, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]interrupted[/]: the rest of the run was not sent");
            return 1;
        }
        if (simulation.Truth is { } truth && settings.TruthFile is { } truthFile)
        {
            await TruthWriter.WriteAsync(truthFile, options, simulation.StartMs, truth.Results(simulation.People), ct).ConfigureAwait(false);
        }
        return Report(console, settings, simulation, tally, written, clock.Elapsed);
    }

    private static async Task<long> WriteFileAsync(string path, EventWriter writer, IEnumerable<Delivery> deliveries, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var encoder = new NdjsonEncoder(writer);
        long lines = 0;
        foreach (var d in deliveries)
        {
            encoder.Add(d, sentAtMs: null); // a file is sent later: no sentAt to correct skew with
            lines++;
            if (encoder.Written.Length < 1 << 20) continue;
            await file.WriteAsync(encoder.Written, ct).ConfigureAwait(false);
            encoder.Clear();
        }
        await file.WriteAsync(encoder.Written, ct).ConfigureAwait(false);
        return lines;
    }

    private static Task WithDayProgressAsync(int days, Func<Action<int>, Task> run)
    {
        if (Console.IsOutputRedirected)
        {
            var clock = Stopwatch.StartNew();
            return run(day =>
            {
                if (day % Math.Max(1, days / 10) == 0 || day == days)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:F1}s] day {day}/{days} generated"));
                }
            });
        }
        return AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("days", maxValue: days);
                await run(day => task.Value = day).ConfigureAwait(false);
                task.StopTask();
            });
    }

    private static int Report(IAnsiConsole console, SimulateSettings settings, LiveCommerceSimulation simulation, DeliveryTally? tally, long written, TimeSpan elapsed)
    {
        var noise = simulation.Noise;
        var people = simulation.People;
        var table = new Table().AddColumn("").AddColumn(new TableColumn("count").RightAligned());
        void Row(string name, long n) => table.AddRow(name, n.ToString("N0", CultureInfo.InvariantCulture));
        Row("events (clean)", simulation.Events);
        Row("broadcasts", simulation.Sessions);
        Row("delivered late", noise.Late);
        Row("sent twice (same id)", noise.Duplicates);
        Row("broken lines (extra)", noise.Malformed);
        Row("people with a skewed clock", people.Count(p => p.ClockSkewMs != 0));
        Row("people never linked (viewer ≠ account)", people.Count(p => p.Unlinked));
        var rate = (simulation.Events + noise.Duplicates + noise.Malformed) / Math.Max(0.001, elapsed.TotalSeconds);
        table.AddRow("elapsed", string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:F1} s ({rate:N0} lines/s)"));
        console.Write(table);
        if (settings.OutFile is { } file) console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"wrote {written:N0} lines to [bold]{file}[/]");
        if (settings.TruthFile is { } truth && simulation.Truth is not null) console.MarkupLineInterpolated($"ground truth: [bold]{truth}[/]");
        if (tally is null) return 0;
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"server: {tally.Accepted:N0} accepted, {tally.Duplicates:N0} duplicates, {tally.Rejected:N0} rejected");
        foreach (var (code, n) in tally.RejectedByCode.OrderByDescending(x => x.Value)) console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  rejected {code}: {n:N0}");
        if (tally.Failure is { } failure)
        {
            console.MarkupLineInterpolated($"[red]stopped[/]: {failure}");
            return 1;
        }
        // Every broken line must come back rejected, and nothing else: a check on the server as much as on the run.
        if (tally.Rejected != noise.Malformed)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]expected {noise.Malformed:N0} rejections (the broken lines), got {tally.Rejected:N0}[/]");
        }
        return 0;
    }
}
