using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Time;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Features;

public sealed class ChurnFeaturesTests
{
    private const long Day = 86_400_000;

    [Fact]
    public async Task ExamplesAt_APastDay_SeeOnlyWhatCameBefore_AndLabelWhatFollowed()
    {
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 1 });
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        var (stays, leaves, late) = (new[] { Account(1) }, new[] { Account(2) }, new[] { Account(3) });
        var events = new List<EventRecord>();
        for (var d = 0; d < 100; d += 5) events.Add(User(EventType.ShopView, T0 + d * Day, stays, "p"));
        for (var d = 0; d < 40; d += 2) events.Add(User(EventType.ShopView, T0 + d * Day, leaves, "p"));
        events.Add(Order(T0 + 38 * Day, leaves, 50));
        events.Add(User(EventType.ShopView, T0 + 60 * Day, late, "p")); // first seen after the day
        await dispatcher.DispatchAsync(Numbered(events.OrderBy(e => e.TsMs)));
        var engine = host.Engines[0];
        var day = EventTime.LocalDay(T0, engine.Options.LocalUtcOffsetMinutes) + 45;

        var examples = engine.ChurnExamplesAt(day, labelled: true);
        Assert.Equal(2, examples.Profiles.Length); // the late one was not known yet
        var byId = examples.Profiles.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var stayer = Row(examples, byId[engine.Profiles.Single(p => p.Id == stays[0].Hash).Id]);
        var leaver = Row(examples, byId[engine.Profiles.Single(p => p.Id == leaves[0].Hash).Id]);
        var names = ChurnFeatures.Names.ToList();
        Assert.Equal(7, leaver[names.IndexOf("days_since_active")]);
        Assert.Equal(0, stayer[names.IndexOf("days_since_active")]); // it came on the day itself
        Assert.Equal(20, leaver[names.IndexOf("active_days_90")]);
        Assert.Equal(50, leaver[names.IndexOf("spend_90")]);
        Assert.Equal(45, leaver[names.IndexOf("days_known")]);
        Assert.Equal(0, stayer[names.IndexOf("spend_90")]);
        Assert.False(examples.Churned![byId[stays[0].Hash]]);
        Assert.True(examples.Churned[byId[leaves[0].Hash]]);

        // Unlabelled at today: the leaver, silent for over 60 days, is still within the 90-day lookback.
        var now = engine.ChurnExamplesAt(EventTime.LocalDay(T0, engine.Options.LocalUtcOffsetMinutes) + 99, labelled: false);
        Assert.Equal(3, now.Profiles.Length);
        Assert.Null(now.Churned);
    }

    private static float[] Row(ChurnExamples examples, int index) =>
        examples.Features[(index * ChurnFeatures.Count)..((index + 1) * ChurnFeatures.Count)];
}
