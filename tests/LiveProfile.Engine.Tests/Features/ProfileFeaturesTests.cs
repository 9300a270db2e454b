using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Time;
using LiveProfile.Engine.Views;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Features;

public sealed class ProfileFeaturesTests
{
    private const long Minute = 60_000;
    private const long Day = 86_400_000;

    private static (LocalPartitionHost Host, EngineDispatcher Dispatcher) NewEngine(int partitions = 1)
    {
        var host = new LocalPartitionHost(new EngineOptions { Partitions = partitions });
        return (host, new EngineDispatcher(host, new IdentityGraph()));
    }

    private static Profile Only(LocalPartitionHost host) => host.Engines.SelectMany(e => e.Profiles).Single();

    [Fact]
    public async Task Dispatch_ClicksOnOneCategory_AffinityAtEveryCategoryLevelBrandBandAndLabel()
    {
        var (host, dispatcher) = NewEngine();
        var u = new[] { Account(1) };
        await dispatcher.DispatchAsync(Numbered([
            Product("serum", "beauty/skincare/serum", 199, "珀莱雅", "国潮"),
            User(EventType.LiveProductClick, T0, u, "serum"),
            User(EventType.ShopView, T0 + Minute, u, "serum"),
        ]));
        var summary = ProfileSummaryBuilder.Build(host.Engines[0], Only(host), []);
        Assert.Equal(["beauty", "beauty/skincare", "beauty/skincare/serum"], summary.Features.Categories.Select(c => c.Key).Order());
        Assert.All(summary.Features.Categories, c => Assert.Equal(1.0, c.Share, 6));
        Assert.Equal("珀莱雅", Assert.Single(summary.Features.Brands).Key);
        Assert.Equal("100-300", Assert.Single(summary.Features.PriceBands).Key);
        Assert.Equal("国潮", Assert.Single(summary.Features.Labels).Key);
    }

    [Fact]
    public async Task Affinity_AfterOneHalfLife_IsHalved()
    {
        var (host, dispatcher) = NewEngine();
        var u = new[] { Account(1) };
        await dispatcher.DispatchAsync(Numbered([Product("a", "food/snack", 20), User(EventType.ShopView, T0, u, "a")]));
        var profile = Only(host);
        var key = host.Engines[0].World.Keys.Intern("cat:food");
        var halfLife = host.Engines[0].Options.HalfLifeMinutes;
        var start = EventTime.ToMinute(T0);
        Assert.Equal(1.0, profile.AffinityAt(key, start, halfLife), 9);
        Assert.Equal(0.5, profile.AffinityAt(key, start + (int)halfLife, halfLife), 9);
        Assert.Equal(0.25, profile.AffinityAt(key, start + 2 * (int)halfLife, halfLife), 9);
    }

    [Fact]
    public async Task Windows_CountsPerType_Over7And30And180Days()
    {
        var (host, dispatcher) = NewEngine();
        var u = new[] { Account(1) };
        await dispatcher.DispatchAsync(Numbered([
            User(EventType.LiveComment, T0 - 100 * Day, u, props: p => p.Text = "hi"),
            User(EventType.LiveComment, T0 - 20 * Day, u, props: p => p.Text = "hi"),
            User(EventType.LiveComment, T0 - 2 * Day, u, props: p => p.Text = "hi"),
            User(EventType.LiveLike, T0, u, props: p => p.Count = 5),
        ]));
        var summary = ProfileSummaryBuilder.Build(host.Engines[0], Only(host), []);
        Assert.Equal(new WindowCountsView(1, 2, 3), summary.Features.Counts["live.comment"]);
        Assert.Equal(new WindowCountsView(5, 5, 5), summary.Features.Counts["live.like"]);
    }

    [Fact]
    public async Task Dwell_JoinHeartbeatsWithoutLeave_ClosedByHeartbeatTimeoutAtLastHeartbeat()
    {
        var (host, dispatcher) = NewEngine();
        var u = new[] { Viewer(1) };
        var events = new List<EventRecord> { User(EventType.LiveJoin, T0, u, props: p => p.Source = "feed") };
        for (var s = 30; s <= 600; s += 30) events.Add(User(EventType.LiveHeartbeat, T0 + s * 1000, u));
        // Someone else's activity moves event time past the timeout.
        events.Add(User(EventType.LiveJoin, T0 + 3_600_000, [Viewer(2)], props: p => p.Source = "feed"));
        await dispatcher.DispatchAsync(Numbered(events));
        var profile = host.Engines[0].Find(Viewer(1).Hash)!;
        Assert.Equal(600, profile.Sum(FeatureKeys.DwellSeconds, EventTime.ToDay(T0), 1));
        Assert.Equal(600, profile.Attendance[0].DwellSeconds);
    }

    [Fact]
    public async Task Dwell_JoinThenLeave_IsTheDifference()
    {
        var (host, dispatcher) = NewEngine();
        var u = new[] { Viewer(1) };
        await dispatcher.DispatchAsync(Numbered([
            User(EventType.LiveJoin, T0, u, props: p => p.Source = "feed"),
            User(EventType.LiveHeartbeat, T0 + 60_000, u),
            User(EventType.LiveLeave, T0 + 125_000, u),
        ]));
        Assert.Equal(125, Only(host).Sum(FeatureKeys.DwellSeconds, EventTime.ToDay(T0), 1));
    }

    [Fact]
    public async Task Dwell_HeartbeatsArrivingAfterAnotherProducerMovedEventTimeOn_CountedInFull()
    {
        var (host, dispatcher) = NewEngine();
        var u = new[] { Viewer(1) };
        await dispatcher.DispatchAsync(Numbered([
            User(EventType.LiveJoin, T0, u, props: p => p.Source = "feed"),
            User(EventType.LiveHeartbeat, T0 + 60_000, u),
        ]));
        // Another producer's request, ten minutes ahead in event time: the visit closes at its last sign so far.
        await dispatcher.DispatchAsync(Numbered([User(EventType.LiveJoin, T0 + 600_000, [Viewer(2)], props: p => p.Source = "feed")], first: 3));
        var profile = host.Engines[0].Find(Viewer(1).Hash)!;
        Assert.Equal(60, profile.Sum(FeatureKeys.DwellSeconds, EventTime.ToDay(T0), 1));
        // The rest of the visit arrives late: it widens the closed visit instead of starting another.
        await dispatcher.DispatchAsync(Numbered([
            User(EventType.LiveHeartbeat, T0 + 120_000, u),
            User(EventType.LiveHeartbeat, T0 + 180_000, u),
            User(EventType.LiveLeave, T0 + 200_000, u),
        ], first: 4));
        Assert.Equal(200, profile.Sum(FeatureKeys.DwellSeconds, EventTime.ToDay(T0), 1));
        Assert.Equal(200, profile.Attendance[0].DwellSeconds);
    }

    [Fact]
    public async Task HourHistogram_UsesLocalTimeUtcPlus8()
    {
        var (host, dispatcher) = NewEngine();
        var at23Local = DateTimeOffset.Parse("2026-11-01T23:10:00+08:00").ToUnixTimeMilliseconds();
        await dispatcher.DispatchAsync(Numbered([User(EventType.ShopSearch, at23Local, [Account(1)], props: p => p.Query = "面膜")]));
        var summary = ProfileSummaryBuilder.Build(host.Engines[0], Only(host), []);
        Assert.Equal(1, summary.Features.ActiveHours30d[23]);
        Assert.Equal(1, summary.Features.ActiveHours30d.Sum());
    }

    [Fact]
    public async Task Orders_RfmAverageDiscountShareAndCategoryOrderDates()
    {
        var (host, dispatcher) = NewEngine();
        var u = new[] { Account(1) };
        await dispatcher.DispatchAsync(Numbered([
            Product("milk", "mother_baby/formula", 300),
            Order(T0 - 30 * Day, u, 300, "C1", ("milk", 300, 0)),
            Order(T0 - 10 * Day, u, 280, null, ("milk", 300, 20)),
            Order(T0, u, 300, null, ("milk", 300, 0)),
        ]));
        var summary = ProfileSummaryBuilder.Build(host.Engines[0], Only(host), []);
        Assert.Equal(3, summary.Features.Orders.Count);
        Assert.Equal(293.3333, summary.Features.Orders.AverageOrderValue, 3);
        Assert.Equal(0.6667, summary.Features.Orders.DiscountShare, 3);
        Assert.Equal(new RfmView(0, 3, 880), summary.Features.Rfm);
        var formula = Assert.Single(summary.Features.Orders.ByCategory);
        Assert.Equal("mother_baby", formula.Category);
        Assert.Equal(3, formula.Days.Count);
    }

    [Fact]
    public async Task LikesWhileProductOnScreen_CountAsInteractionsWithIt()
    {
        var (host, dispatcher) = NewEngine();
        var u = new[] { Viewer(1) };
        await dispatcher.DispatchAsync(Numbered([
            Product("phone", "digital/phone", 3999),
            OnScreen("room1", "phone", T0),
            User(EventType.LiveLike, T0 + 1000, u, room: "room1"),
        ]));
        var summary = ProfileSummaryBuilder.Build(host.Engines[0], Only(host), []);
        Assert.Contains(summary.Features.Categories, c => c.Key == "digital");
        Assert.Equal("3000+", Assert.Single(summary.Features.PriceBands).Key);
    }

    [Fact]
    public async Task LiveLike_ArrivingAfterTheNextPresentation_CountsForTheProductOnScreenWhenItHappened()
    {
        // Two producers: the room's screen changes reach the engine before a viewer's older like.
        var (host, dispatcher) = NewEngine();
        var u = new[] { Viewer(1) };
        await dispatcher.DispatchAsync(Numbered([
            Product("phone", "digital/phone", 3999),
            Product("serum", "beauty/skincare/serum", 199),
            OnScreen("room1", "phone", T0),
            OnScreen("room1", "serum", T0 + 5 * Minute),
            User(EventType.LiveLike, T0 + 2 * Minute, u, room: "room1"),  // late: the phone was on screen
            User(EventType.LiveLike, T0 + 6 * Minute, u, room: "room1"),
        ]));
        var summary = ProfileSummaryBuilder.Build(host.Engines[0], Only(host), []);
        Assert.Contains(summary.Features.Categories, c => c.Key == "digital");
        Assert.Contains(summary.Features.Categories, c => c.Key == "beauty");
    }

    [Fact]
    public async Task LiveLike_BeforeAnyPresentation_CountsForNoProduct()
    {
        var (host, dispatcher) = NewEngine();
        var u = new[] { Viewer(1) };
        await dispatcher.DispatchAsync(Numbered([
            Product("phone", "digital/phone", 3999),
            OnScreen("room1", "phone", T0),
            User(EventType.LiveLike, T0 - Minute, u, room: "room1"),
        ]));
        var summary = ProfileSummaryBuilder.Build(host.Engines[0], Only(host), []);
        Assert.Empty(summary.Features.Categories);
    }

    [Fact]
    public async Task ImpulseOrder_WithinFiveMinutesOfLiveClick_IsCounted()
    {
        var (host, dispatcher) = NewEngine();
        var u = new[] { Account(1) };
        await dispatcher.DispatchAsync(Numbered([
            Product("a", "food/snack", 30),
            User(EventType.LiveProductClick, T0, u, "a"),
            Order(T0 + 3 * Minute, u, 30, null, ("a", 30, 0)),
            User(EventType.LiveProductClick, T0 + Day, u, "a"),
            Order(T0 + Day + 20 * Minute, u, 30, null, ("a", 30, 0)),
        ]));
        Assert.Equal(1, Only(host).Sum(FeatureKeys.ImpulseOrders, EventTime.ToDay(T0) + 1, 30));
    }

    [Fact]
    public async Task ImpulseOrder_ClickArrivingAfterItsOrder_IsCountedOnce()
    {
        var (host, dispatcher) = NewEngine();
        var u = new[] { Account(1) };
        await dispatcher.DispatchAsync(Numbered([
            Product("a", "food/snack", 30),
            Product("b", "food/snack", 20),
            Order(T0 + 3 * Minute, u, 50, null, ("a", 30, 0), ("b", 20, 0)),
            Order(T0 + 30 * Minute, u, 30, null, ("a", 30, 0)),
        ]));
        Assert.Equal(0, Only(host).Sum(FeatureKeys.ImpulseOrders, EventTime.ToDay(T0) + 1, 30));
        // Late clicks on both products of the first order: it becomes impulsive, once; the second order is too late after them.
        await dispatcher.DispatchAsync(Numbered([
            User(EventType.LiveProductClick, T0, u, "a", "room1"),
            User(EventType.LiveProductClick, T0 + Minute, u, "b", "room1"),
        ], first: 5));
        Assert.Equal(1, Only(host).Sum(FeatureKeys.ImpulseOrders, EventTime.ToDay(T0) + 1, 30));
    }
}
