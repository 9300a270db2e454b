using System.CommandLine;
using Microsoft.Extensions.Hosting;
using LiveProfile.Cli.Simulate;
using LiveProfile.Server;
using Microsoft.Extensions.DependencyInjection;

namespace LiveProfile.Cli.Commands;

/// <summary><c>liveprofile serve</c>: the server on embedded defaults; <c>--demo</c> loads the shipped sample and runs the simulator against it.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Data directory (default ./data)" };
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var partitions = new Option<int?>("--partitions") { Description = "Partitions for a new data directory (default 4)" };
        var demo = new Option<bool>("--demo") { Description = "Ingest the shipped sample into an empty data directory and feed simulated live rooms in real time" };
        var command = new Command("serve", "Start the LiveProfile server (embedded: one process, one Orleans silo)") { data, urls, partitions, demo };
        command.SetAction(async (result, ct) =>
        {
            var url = result.GetValue(urls)!;
            await using var app = LiveProfileServer.Build([], o =>
            {
                if (result.GetValue(data) is { } d) o.DataDirectory = d;
                if (result.GetValue(partitions) is { } p) o.Partitions = p;
            }, url);
            await app.StartAsync(ct);
            Task? traffic = null;
            using var stopTraffic = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
            if (result.GetValue(demo))
            {
                var empty = app.Services.GetRequiredService<EngineRuntime>().Log.LastLsn == 0;
                await LoadSampleAsync(app, url, ct);
                traffic = StartDemoTraffic(url, empty, stopTraffic.Token);
            }
            Console.WriteLine($"LiveProfile is listening on {url}  (health: {url}/health, metrics: {url}/metrics, API: {url}/openapi/v1.json). Ctrl-C stops.");
            await app.WaitForShutdownAsync(ct);
            if (traffic is not null)
            {
                await stopTraffic.CancelAsync();
                try { await traffic; } catch (OperationCanceledException) { } // stopped with the server, as asked
            }
            return 0;
        });
        return command;
    }

    /// <summary>The simulator feeds live rooms in real time (after two weeks of history into an empty data directory).</summary>
    private static Task StartDemoTraffic(string url, bool withHistory, CancellationToken ct)
    {
        var feed = new DemoFeed(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Console.WriteLine(withHistory
            ? $"Simulating {DemoFeed.Users} viewers and shoppers: two weeks of history first, then live rooms {string.Join(", ", feed.LiveRooms)} in real time."
            : $"Simulating {DemoFeed.Users} viewers and shoppers: live rooms {string.Join(", ", feed.LiveRooms)} in real time.");
        Console.WriteLine($"A simulated regular: curl -s {url}/v1/profiles/{feed.Regular}");
        Console.WriteLine($"Tags as they change:  curl -sN {url}/v1/changes");
        Console.WriteLine($"The live room page:   {url}/  (rooms now: curl -s {url}/v1/rooms)");
        Console.WriteLine($"Their view variant:   curl -s '{url}/v1/rooms/{feed.LiveRooms[0]}/variant?user={feed.Regular}'");
        Console.WriteLine($"Identity matching:    curl -s {url}/v1/identity/candidates  (viewers to review; matched every minute)");
        return Task.Run(() => feed.RunAsync(new Uri(url), withHistory, ct), ct);
    }

    private static async Task LoadSampleAsync(Microsoft.AspNetCore.Builder.WebApplication app, string url, CancellationToken ct)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "samples", "live-commerce.ndjson");
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"sample file not found: {file}");
            return;
        }
        var (accepted, duplicates, rejected) = await SampleLoader.LoadIfEmptyAsync(app, file, ct);
        if (accepted + duplicates + rejected > 0)
        {
            Console.WriteLine($"Sample loaded: {accepted} events accepted, {duplicates} duplicates, {rejected} rejected (see {url}/v1/quarantine).");
        }
        Console.WriteLine($"A sample profile:  curl -s {url}/v1/profiles/account:u1001");
        Console.WriteLine($"Her recent events: curl -s {url}/v1/profiles/account:u1001/timeline");
        Console.WriteLine($"Customer value:    curl -s -X POST {url}/v1/models/clv/fit, then curl -s {url}/v1/profiles/account:u1001/predictions");
    }
}
