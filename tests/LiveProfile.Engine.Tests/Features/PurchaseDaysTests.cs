using LiveProfile.Engine.Features;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Memory;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Time;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Features;

public sealed class PurchaseDaysTests
{
    private const long Day = 86_400_000;

    [Fact]
    public async Task Orders_SameDayOnceLateOrderInPlace_RepeatBuyingCountsDays()
    {
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 1 });
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        var u = new[] { Account(1) };
        await dispatcher.DispatchAsync(Numbered([
            Order(T0, u, 10),
            Order(T0 + 3 * Day, u, 20),
            Order(T0 + 3 * Day + 60_000, u, 5), // the same day: one purchase day of 25
            Order(T0 + 10 * Day, u, 40),
            Order(T0 + Day, u, 7), // late, lands on its own day
        ]));
        var profile = host.Engines[0].Profiles.Single();
        var first = EventTime.LocalDay(T0, host.Engines[0].Options.LocalUtcOffsetMinutes);
        Assert.Equal([(first, 10.0), (first + 1, 7.0), (first + 3, 25.0), (first + 10, 40.0)],
            profile.PurchaseDays.ToArray().Select(d => (d.Day, d.Spend)));

        var all = profile.RepeatBuyingAt(first + 20)!.Value;
        Assert.Equal((3, 10, 20), (all.RepeatDays, all.RecencyDays, all.AgeDays));
        Assert.Equal((7 + 25 + 40) / 3.0, all.MeanRepeatSpend, 9);

        var early = profile.RepeatBuyingAt(first + 5)!.Value; // a calibration window that ends before the last order
        Assert.Equal((2, 3, 5), (early.RepeatDays, early.RecencyDays, early.AgeDays));
        Assert.Null(profile.RepeatBuyingAt(first - 1));
    }

    [Fact]
    public void RecordPurchase_BeyondTheCap_FoldsAwayOldDaysAndKeepsTheFirstAndTheCount()
    {
        var profile = new Profile(1, 0, new ProfileSlabs());
        for (var day = 0; day < Profile.MaxPurchaseDays + 10; day++) profile.RecordPurchase(day * 2, 1);
        Assert.Equal(Profile.MaxPurchaseDays, profile.PurchaseDays.Length);
        Assert.Equal(0, profile.PurchaseDays[0].Day);
        var buying = profile.RepeatBuyingAt(int.MaxValue / 2)!.Value;
        Assert.Equal(Profile.MaxPurchaseDays + 9, buying.RepeatDays);
        Assert.Equal(1.0, buying.MeanRepeatSpend, 9);
        Assert.Equal((Profile.MaxPurchaseDays + 9) * 2, buying.RecencyDays);
    }

    [Fact]
    public async Task Merge_UnitesPurchaseDays_AndCheckpointKeepsThem()
    {
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 2 });
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        await dispatcher.DispatchAsync(Numbered([
            Order(T0, [Account(1)], 10),
            Order(T0 + 2 * Day, [Viewer(2)], 30),
            Order(T0 + 2 * Day + 1000, [Account(1)], 5),
            User(LiveProfile.Engine.Contract.EventType.LiveJoin, T0 + 3 * Day, [Viewer(2), Account(1)], room: "r"),
        ]));
        var engine = host.Engines.Single(e => e.ProfileCount == 1);
        var merged = engine.Profiles.Single();
        Assert.Equal([10.0, 35.0], merged.PurchaseDays.ToArray().Select(d => d.Spend));

        using var stream = new MemoryStream();
        engine.Save(stream);
        stream.Position = 0;
        var restored = PartitionEngine.Load(stream, engine.Options).Profiles.Single();
        Assert.Equal(merged.PurchaseDays.ToArray(), restored.PurchaseDays.ToArray());
    }
}
