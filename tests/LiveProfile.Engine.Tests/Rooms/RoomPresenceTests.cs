using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Rooms;

/// <summary>
/// Room audiences kept by the partitions from live events: who is in which room (one at a time), timed out in event
/// time, and the counters of their tags and families equal to a recount from the viewers' own tags.
/// </summary>
public sealed class RoomPresenceTests
{
    private const long Second = 1_000;
    private static readonly string[] Rooms = ["r1", "r2"];
    private static readonly EventType[] Kinds =
        [EventType.LiveJoin, EventType.LiveHeartbeat, EventType.LiveComment, EventType.LiveLike, EventType.LiveProductClick, EventType.LiveLeave];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Audience_AfterRandomVisits_EqualsARecountFromTheEventsAndTheViewersTags(int seed)
    {
        var random = new Random(seed);
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 2 });
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        await dispatcher.DispatchAsync(Numbered([Product("serum", "beauty/skincare/serum", 199), Product("chips", "food/snack", 12)], first: 1));
        var lsn = 10L;
        var ts = T0;
        var current = new Dictionary<ulong, (string Room, long Ts)>(); // where each viewer is, by the events in order
        var sawTags = false;
        for (var batch = 0; batch < 40; batch++)
        {
            var events = new List<EventRecord>();
            for (var i = random.Next(1, 12); i > 0; i--)
            {
                ts += random.Next(1, 8) * Second; // a join and a leave at one instant would be ambiguous
                var viewer = (ulong)random.Next(1, 9);
                var room = Rooms[random.Next(Rooms.Length)];
                var kind = Kinds[random.Next(Kinds.Length)];
                events.Add(User(kind, ts, [Account(viewer)], kind == EventType.LiveProductClick ? random.Next(2) == 0 ? "serum" : "chips" : null, room,
                    p => p.Text = kind == EventType.LiveComment ? "这个成分安全吗" : null));
                // A leave takes the viewer out of that room only; any other sign puts it in the room (one room at a time).
                if (kind != EventType.LiveLeave) current[viewer] = (room, ts);
                else if (current.TryGetValue(viewer, out var at) && at.Room == room) current.Remove(viewer);
            }
            // Event time moves on by more than the sweep interval, sometimes past the heartbeat time-out.
            ts += random.Next(11, 150) * Second;
            events.Add(User(EventType.ShopView, ts, [Account(1000)], "chips"));
            await dispatcher.DispatchAsync(Numbered(events, lsn));
            lsn += events.Count;

            var timeout = (long)host.Engines[0].Options.HeartbeatTimeout.TotalMilliseconds;
            foreach (var room in Rooms)
            {
                var present = current.Where(v => v.Value.Room == room && ts - v.Value.Ts <= timeout)
                    .Select(v => dispatcher.Locate(Account(v.Key).Hash))
                    .Select(at => host.Engines[at.Partition].Find(at.Profile)!)
                    .ToList();
                var slices = host.Engines.Select(e => e.Audience(room)).ToList();
                Assert.True(present.Count == slices.Sum(s => s.Viewers),
                    $"batch {batch}, {room}: {present.Count} viewers by the events, {slices.Sum(s => s.Viewers)} counted");
                var taxonomy = host.Engines[0].Taxonomy;
                var expectedTags = present.SelectMany(p => p.Tags.ToArray().Select(t => Engine.Tags.TagKeys.Name(t.Tag)))
                    .GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
                var actualTags = slices.SelectMany(s => s.Tags).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Sum(t => t.Value));
                Assert.Equal(expectedTags.OrderBy(t => t.Key), actualTags.OrderBy(t => t.Key));
                var expectedFamilies = present
                    .SelectMany(p => p.Tags.ToArray().Select(t => taxonomy.FindByKey(t.Tag)!.Family).Distinct())
                    .GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
                var actualFamilies = slices.SelectMany(s => s.Families).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
                Assert.Equal(expectedFamilies.OrderBy(f => f.Key), actualFamilies.OrderBy(f => f.Key));
                sawTags |= expectedTags.Count > 0;
            }
        }
        Assert.True(sawTags, "no viewer carried a tag while in a room: the tag counters were not exercised");
    }

    [Fact]
    public async Task Audience_ViewerBackForAnotherSession_IsReturning_AFirstTimerIsNew()
    {
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 1 });
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        const long day = 86_400_000;
        await dispatcher.DispatchAsync(Numbered([
            User(EventType.LiveJoin, T0, [Account(1)], room: "r1"),
            User(EventType.LiveLeave, T0 + 60 * Second, [Account(1)], room: "r1"),
            User(EventType.LiveJoin, T0 + day, [Account(1)], room: "r1"),
            User(EventType.LiveJoin, T0 + day + Second, [Account(2)], room: "r1"),
        ]));
        var audience = host.Engines[0].Audience("r1");
        Assert.Equal(2, audience.Viewers);
        Assert.Equal(1, audience.NewViewers);
        Assert.Equal(1, audience.DwellSeconds); // in for 1 s and 0 s at the clock
    }

    [Fact]
    public async Task Audience_ViewerShowsUpInAnotherRoom_MovesThere_AndLeavesOnTimeout()
    {
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 1 });
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        await dispatcher.DispatchAsync(Numbered([User(EventType.LiveJoin, T0, [Account(1)], room: "r1")]));
        Assert.Equal(1, host.Engines[0].Audience("r1").Viewers);
        await dispatcher.DispatchAsync(Numbered([User(EventType.LiveLike, T0 + 5 * Second, [Account(1)], room: "r2")], 2));
        Assert.Equal(0, host.Engines[0].Audience("r1").Viewers);
        Assert.Equal(1, host.Engines[0].Audience("r2").Viewers);
        // Another viewer's event moves event time past the time-out: the first viewer is gone.
        await dispatcher.DispatchAsync(Numbered([User(EventType.ShopView, T0 + 200 * Second, [Account(2)])], 3));
        Assert.Equal(0, host.Engines[0].Audience("r2").Viewers);
        Assert.Equal(0, host.Engines[0].Audience("unknown-room").Viewers);
    }
}

/// <summary>Product funnels of a live session: on screen for everyone in the room, clicks in it, carts and orders while in it.</summary>
public sealed class RoomFunnelTests
{
    private const long Second = 1_000;

    [Fact]
    public async Task Funnel_CountsPeopleAtEachStage_OnlyWhileInTheRoom()
    {
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 2 });
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        var early = new[] { Account(4) };
        await dispatcher.DispatchAsync(Numbered([
            Product("serum", "beauty/skincare/serum", 199),
            Product("chips", "food/snack", 12),
            User(EventType.LiveJoin, T0 - 10 * Second, early, room: "r1"), // in the room before the serum goes on screen
            OnScreen("r1", "serum", T0),
            User(EventType.LiveJoin, T0 + 1 * Second, [Account(1)], room: "r1"),
            User(EventType.LiveJoin, T0 + 2 * Second, [Account(2)], room: "r1"),
            User(EventType.LiveJoin, T0 + 3 * Second, [Account(3)], room: "r1"),
            User(EventType.LiveProductClick, T0 + 10 * Second, [Account(1)], "serum", "r1"),
            User(EventType.ShopCartAdd, T0 + 20 * Second, [Account(1)], "serum"),
            Order(T0 + 30 * Second, [Account(1)], 199, null, ("serum", 199, 0)),
            Order(T0 + 31 * Second, [Account(2)], 199, null, ("serum", 199, 0)),
            Order(T0 + 32 * Second, [Account(5)], 199, null, ("serum", 199, 0)), // never in the room
            User(EventType.LiveHeartbeat, T0 + 40 * Second, early, room: "r1"),
        ]));
        var rows = host.Engines.SelectMany(e => e.Audience("r1").Funnel).GroupBy(f => f.Product)
            .ToDictionary(g => g.Key, g => g.Aggregate(default(Engine.Rooms.FunnelCounts), (sum, f) => sum + f.Counts));
        Assert.Equal(new Engine.Rooms.FunnelCounts(OnScreen: 4, Clicked: 1, Carted: 1, Ordered: 2), rows["serum"]);
        Assert.Equal("serum", host.Engines.Select(e => e.Audience("r1").OnScreen).First(p => p is not null));

        // Counted for a segment's members only: nobody here shares, so nobody is in "sharer".
        var vocabulary = new Engine.Segments.TaxonomyVocabulary(host.Engines[0].Taxonomy);
        var sharers = Engine.Segments.SegmentParser.Parse("sharer", vocabulary);
        var forSharers = host.Engines.SelectMany(e => e.Audience("r1", sharers).Funnel).Where(f => f.Product == "serum")
            .Aggregate(default(Engine.Rooms.FunnelCounts), (sum, f) => sum + f.Counts);
        Assert.Equal(default, forSharers);
        Assert.Equal(0, host.Engines.Sum(e => e.Audience("r1", sharers).SegmentViewers));
    }

    private static Engine.Rooms.FunnelCounts FunnelOf(IEnumerable<PartitionEngine> engines, string room, string product) =>
        engines.SelectMany(e => e.Audience(room).Funnel).Where(f => f.Product == product)
            .Aggregate(default(Engine.Rooms.FunnelCounts), (sum, f) => sum + f.Counts);

    [Fact]
    public async Task Funnel_AfterACheckpoint_IsRestored_AndKeepsCounting()
    {
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 2 });
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        await dispatcher.DispatchAsync(Numbered([
            Product("serum", "beauty/skincare/serum", 199),
            OnScreen("r1", "serum", T0),
            User(EventType.LiveJoin, T0 + 1 * Second, [Account(1)], room: "r1"),
            User(EventType.LiveJoin, T0 + 2 * Second, [Account(2)], room: "r1"),
            User(EventType.LiveJoin, T0 + 3 * Second, [Account(3)], room: "r1"),
            User(EventType.LiveProductClick, T0 + 10 * Second, [Account(1)], "serum", "r1"),
            User(EventType.ShopCartAdd, T0 + 20 * Second, [Account(2)], "serum"),
        ]));
        var before = FunnelOf(host.Engines, "r1", "serum");
        Assert.Equal(new Engine.Rooms.FunnelCounts(OnScreen: 3, Clicked: 1, Carted: 1, Ordered: 0), before);

        var restored = host.Engines.Select(engine =>
        {
            using var buffer = new MemoryStream();
            engine.Save(buffer);
            buffer.Position = 0;
            return PartitionEngine.Load(buffer, engine.Options, host.Tags);
        }).ToArray();
        Assert.Equal(before, FunnelOf(restored, "r1", "serum"));

        // The restored funnels go on counting the same people once: a second click by the same viewer adds no one.
        var at1 = dispatcher.Locate(Account(1).Hash);
        var at3 = dispatcher.Locate(Account(3).Hash);
        restored[at1.Partition].Apply([new PartitionCommand(100, at1.Profile,
            User(EventType.LiveProductClick, T0 + 30 * Second, [Account(1)], "serum", "r1"))], T0 + 30 * Second);
        restored[at3.Partition].Apply([new PartitionCommand(101, at3.Profile,
            User(EventType.LiveProductClick, T0 + 31 * Second, [Account(3)], "serum", "r1"))], T0 + 31 * Second);
        Assert.Equal(new Engine.Rooms.FunnelCounts(OnScreen: 3, Clicked: 2, Carted: 1, Ordered: 0), FunnelOf(restored, "r1", "serum"));
    }

    /// <summary>A viewer id and a shop account in the room are one person once linked: the stages each reached become one person's.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Funnel_ViewerMergedIntoItsAccount_CountsOnePersonAtEveryStageEitherReached(ulong person)
    {
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 2 });
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        await dispatcher.DispatchAsync(Numbered([
            Product("serum", "beauty/skincare/serum", 199),
            OnScreen("r1", "serum", T0),
            User(EventType.LiveJoin, T0 + 1 * Second, [Viewer(person)], room: "r1"),
            User(EventType.LiveJoin, T0 + 2 * Second, [Account(person)], room: "r1"),
            User(EventType.LiveProductClick, T0 + 10 * Second, [Viewer(person)], "serum", "r1"),
            Order(T0 + 20 * Second, [Account(person)], 199, null, ("serum", 199, 0)),
        ]));
        Assert.Equal(new Engine.Rooms.FunnelCounts(OnScreen: 2, Clicked: 1, Carted: 0, Ordered: 1), FunnelOf(host.Engines, "r1", "serum"));

        // The live viewer logs in: its profile merges into the account's (possibly in another partition).
        await dispatcher.DispatchAsync(Numbered([User(EventType.LiveHeartbeat, T0 + 25 * Second, [Viewer(person), Account(person)], room: "r1")], 10));
        Assert.Equal(new Engine.Rooms.FunnelCounts(OnScreen: 1, Clicked: 1, Carted: 0, Ordered: 1), FunnelOf(host.Engines, "r1", "serum"));
    }

    /// <summary>A merged-away profile's ordinal goes to the next new profile: the funnels must have forgotten it.</summary>
    [Fact]
    public async Task Funnel_OrdinalFreedByAMerge_IsNotInheritedByTheNextProfile()
    {
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 1 });
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        await dispatcher.DispatchAsync(Numbered([
            Product("serum", "beauty/skincare/serum", 199),
            OnScreen("r1", "serum", T0),
            User(EventType.LiveJoin, T0 + 1 * Second, [Viewer(1)], room: "r1"),   // ordinal 0: on screen, clicks
            User(EventType.LiveProductClick, T0 + 2 * Second, [Viewer(1)], "serum", "r1"),
            User(EventType.ShopView, T0 + 3 * Second, [Account(1)], "serum"),       // ordinal 1: not in the room
            User(EventType.LiveHeartbeat, T0 + 4 * Second, [Viewer(1), Account(1)], room: "r1"), // the viewer merges into the account
            User(EventType.ShopView, T0 + 5 * Second, [Account(2)], "serum"),       // takes the freed ordinal 0
        ]));
        Assert.Equal(new Engine.Rooms.FunnelCounts(OnScreen: 1, Clicked: 1, Carted: 0, Ordered: 0), FunnelOf(host.Engines, "r1", "serum"));
    }
}
