using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Partitioning;

/// <summary>
/// The engine's event-time clock follows what users do. Identity decisions carry the time they were made: the matcher and
/// reviewers stamp the wall clock, which during a replay of history is days after the behaviour, and the clock jumping
/// there closed every open visit, turned the day for time-driven tags and made the rest of the history late.
/// </summary>
public sealed class EventClockTests
{
    private const long Day = 86_400_000;

    private static EventRecord Decision(EventType type, long ts, Pseudonym id, Pseudonym other) =>
        User(type, ts, [id], props: p => p.LinkedIds = [other]);

    [Fact]
    public async Task IdentityDecisions_DoNotMoveTheClock_UserEventsDo()
    {
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 2 });
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        var decided = T0 + 3 * Day; // decided days after the behaviour, as when history is replayed
        List<EventRecord> events =
        [
            User(EventType.LiveJoin, T0, [Viewer(1)], room: "room1"),
            Decision(EventType.IdentityLink, decided, Viewer(1), Account(1)),
            Decision(EventType.IdentityMatch, decided, Viewer(2), Account(2)),
            Decision(EventType.IdentityReject, decided, Viewer(3), Account(3)),
            User(EventType.LiveHeartbeat, T0 + 30_000, [Account(1)], room: "room1"),
        ];
        await dispatcher.DispatchAsync(Numbered(events));

        Assert.Equal(T0 + 30_000, dispatcher.WatermarkMs);
        Assert.All(host.Engines, e => Assert.Equal(T0 + 30_000, e.WatermarkMs));
        // The viewer's visit is still open: no jump of the clock timed it out.
        Assert.Equal(1, host.Engines.Sum(e => e.LiveRooms().GetValueOrDefault("room1")));

        await dispatcher.DispatchAsync(Numbered([User(EventType.ShopView, decided, [Account(1)], "p")], first: events.Count + 1));
        Assert.Equal(decided, dispatcher.WatermarkMs);
        Assert.Equal(0, host.Engines.Sum(e => e.LiveRooms().GetValueOrDefault("room1")));
    }
}
