using LiveProfile.Cli.Http;
using LiveProfile.Simulation;
using LiveProfile.Simulation.Generation;
using LiveProfile.Simulation.Output;
using LiveProfile.Simulation.People;

namespace LiveProfile.Cli.Simulate;

/// <summary>
/// The demo's traffic: a few hundred simulated viewers and shoppers. Into an empty data directory
/// it first sends two weeks of history as fast as the server takes it; then three rooms broadcast
/// back to back in real time, with everything else the simulator does (other rooms on their
/// schedules, shop browsing, orders, noise), until stopped.
/// </summary>
internal sealed class DemoFeed
{
    public const int Users = 1_000;
    private const int HistoryDays = 14, AheadDays = 7;
    private readonly LiveCommerceSimulation _simulation;
    private readonly long _nowMs;

    public DemoFeed(long nowMs)
    {
        _nowMs = nowMs;
        var today = SimClock.LocalDay(nowMs);
        _simulation = new LiveCommerceSimulation(new SimulationOptions
        {
            Seed = 1, Users = Users, Days = HistoryDays + 1 + AheadDays, EndMs = SimClock.DayStartMs(today + AheadDays + 1),
            Activity = 3, GroundTruth = false, AlwaysLiveFromMs = nowMs, FeaturedAudience = 300,
        });
    }

    public IReadOnlyList<string> LiveRooms => [.. _simulation.Scheduler.Rooms.Take(3).Select(r => r.Id)];

    /// <summary>A regular of the first live room who was active before now: someone worth looking at.</summary>
    public string Regular => _simulation.People.FirstOrDefault(p => p.Account is not null && !p.Unlinked && p.Has(Traits.LoyalFan)
        && p.Rooms[0] == 0 && p.RegisteredMs < _simulation.StartMs)?.PrimaryId ?? _simulation.People[0].PrimaryId;

    /// <param name="withHistory">Send the two weeks before now too (an empty data directory).</param>
    public async Task RunAsync(Uri server, bool withHistory, CancellationToken ct)
    {
        using var client = new EventsClient(server, apiKey: null, EventsClient.CreateHandler(2), TimeSpan.FromSeconds(60));
        var sender = new SimulationSender(client, new EventWriter(1, _nowMs, _simulation.Catalog), batch: 2_000, concurrency: 2);
        await sender.RunAsync(_simulation.Deliveries(), realTime: true, skipBeforeMs: withHistory ? long.MinValue : _nowMs, ct).ConfigureAwait(false);
        if (sender.Tally.Failure is { } failure) await Console.Error.WriteLineAsync($"demo traffic stopped: {failure}").ConfigureAwait(false);
    }
}
