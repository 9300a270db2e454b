using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;
using static LiveProfile.Engine.Tests.Events;
using static LiveProfile.Engine.Tests.Tags.TagHarness;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>How tags live: the change feed, taxonomy versions and backfill, checkpoints and merges.</summary>
public sealed class TagLifecycleTests
{
    private static EventRecord Share(Pseudonym u, long ts) => User(EventType.LiveShare, ts, [u]);

    [Fact]
    public async Task ChangeFeed_AddedThenWeightChangedThenRemoved_InOrder()
    {
        var h = new TagHarness();
        var u = Account(1);
        await h.SendAsync(Enumerable.Range(0, 5).Select(i => User(EventType.ShopView, T0 + i * Minute, [u], "serum")));
        await h.SendAsync(Enumerable.Range(0, 5).Select(i => User(EventType.ShopView, T0 + (10 + i) * Minute, [u], "snack")));
        var changes = h.ChangesOf(u).Where(c => c.Tag == "interest:beauty").ToList();
        Assert.Equal(TagChangeKind.Added, changes[0].Kind);
        Assert.Equal(1.0, changes[0].Weight, 3);
        Assert.Contains(changes, c => c.Kind == TagChangeKind.WeightChanged && c.Weight < c.PreviousWeight);
        Assert.True(h.Has(u, "interest:beauty")); // 5 of 10: still ≥ 30%
        await h.SendAsync(Enumerable.Range(0, 10).Select(i => User(EventType.ShopView, T0 + (20 + i) * Minute, [u], "snack")));
        Assert.False(h.Has(u, "interest:beauty"));
        var last = h.ChangesOf(u).Last(c => c.Tag == "interest:beauty");
        Assert.Equal(TagChangeKind.Removed, last.Kind);
        Assert.Equal(T0 + 29 * Minute, last.AtMs); // the engine clock, in event time
    }

    [Fact]
    public async Task ChangeFeed_Subscriber_ReceivesOnlyItsTags_AndResumesAfterASequence()
    {
        var h = new TagHarness();
        using var sharers = h.Changes.Subscribe(c => c.Tag == "sharer");
        await h.SendAsync([.. Enumerable.Range(0, 3).Select(i => Share(Viewer(1), T0 + i * Minute)),
            User(EventType.LiveGift, T0, [Viewer(2)], props: p => { p.GiftId = "g"; p.Value = 500; })]);
        Assert.True(sharers.Reader.TryRead(out var first));
        Assert.Equal(("sharer", TagChangeKind.Added), (first.Change.Tag, first.Change.Kind));
        Assert.False(sharers.Reader.TryRead(out _));

        using var resumed = h.Changes.Subscribe(afterSequence: first.Sequence - 1);
        Assert.True(resumed.Reader.TryRead(out var again));
        Assert.Equal(first.Sequence, again.Sequence);
    }

    [Fact]
    public async Task ChangeFeed_SlowSubscriber_LosesTheOldest_AndIsToldHowMany()
    {
        var h = new TagHarness();
        using var slow = h.Changes.Subscribe(c => c.Kind == TagChangeKind.Added, capacity: 2);
        for (ulong i = 1; i <= 5; i++) await h.SendAsync(Enumerable.Range(0, 3).Select(k => Share(Viewer(i), T0 + k * Minute)));
        Assert.True(slow.Reader.TryRead(out _));
        Assert.True(slow.Reader.TryRead(out _));
        Assert.False(slow.Reader.TryRead(out _));
        await h.SendAsync(Enumerable.Range(0, 3).Select(k => Share(Viewer(9), T0 + k * Minute)));
        Assert.True(slow.Reader.TryRead(out var next));
        Assert.True(next.Missed >= 3, $"missed {next.Missed}");
    }

    private const string StricterSharer = """
        families:
          behavior: { zh: 行为偏好, en: Behaviour }
        tags:
          - id: sharer
            family: behavior
            name: { zh: 分享达人, en: Sharer }
            when: count('live.share', 30d) >= 2
          - id: gifted
            family: behavior
            name: { zh: 送礼, en: Gifted }
            when: gift_value(30d) > 0
        """;

    [Fact]
    public async Task NewVersion_IsBackfilledOnEveryProfile_AndTagsItDropsAreRemoved()
    {
        var h = new TagHarness(partitions: 2);
        var (two, giver) = (Viewer(1), Viewer(2));
        await h.SendAsync([Share(two, T0), Share(two, T0 + Minute), .. Enumerable.Range(0, 3).Select(i => Share(giver, T0 + i * Minute)),
            User(EventType.LiveGift, T0, [giver], props: p => { p.GiftId = "g"; p.Value = 150; })]);
        Assert.False(h.Has(two, "sharer"));
        Assert.True(h.Has(giver, "gift_giver"));

        var v2 = TaxonomyCompiler.Compile(StricterSharer, 2).Taxonomy!;
        h.Tags.Install(v2);
        Assert.False(h.Tags.Backfill.Complete);
        h.CompleteTagWork();

        Assert.True(h.Tags.Backfill.Complete);
        Assert.Equal((2, 2L), (h.Tags.Backfill.Version, h.Tags.Backfill.Total));
        Assert.True(h.Has(two, "sharer"));
        Assert.Equal(["gifted", "sharer"], h.TagsOf(giver));
        var removed = Assert.Single(h.ChangesOf(giver), c => c.Tag == "gift_giver" && c.Kind == TagChangeKind.Removed);
        Assert.Equal("not in taxonomy v2", removed.Reason);
        Assert.All(h.Host.Engines, e => Assert.Same(v2, e.Taxonomy));
    }

    [Fact]
    public async Task NewVersion_BackfillAdvancesInSlices_WhileEventsKeepComing()
    {
        var h = new TagHarness();
        for (ulong i = 1; i <= 300; i++) await h.SendAsync(Share(Viewer(i), T0), Share(Viewer(i), T0 + Minute));
        h.Tags.Install(TaxonomyCompiler.Compile(StricterSharer, 2).Taxonomy!);
        await h.SendAsync(Share(Viewer(1000), T0 + Hour), Share(Viewer(1000), T0 + Hour + Minute)); // a step: the backfill starts
        Assert.True(h.Has(Viewer(1000), "sharer"));
        h.CompleteTagWork();
        Assert.All(Enumerable.Range(1, 300), i => Assert.True(h.Has(Viewer((ulong)i), "sharer")));
        Assert.True(h.Tags.Backfill.Complete);
    }

    [Fact]
    public void Install_OlderOrSameVersion_IsRefused()
    {
        var runtime = new TagRuntime(1);
        Assert.Throws<InvalidOperationException>(() => runtime.Install(TaxonomyCompiler.Compile(StricterSharer, 1).Taxonomy!));
    }

    [Fact]
    public async Task Checkpoint_KeepsTagsWithWeightSinceAndSource()
    {
        var h = new TagHarness();
        var u = Account(1);
        await h.SendAsync([.. Enumerable.Range(0, 6).Select(i => User(EventType.ShopView, T0 + i * Minute, [u], "serum")), Order(T0, [u], 199, null, ("serum", 199, 0))]);
        var (engine, profile) = h.Locate(u);
        engine.SetModelScore(profile.Id, "churn", 0.9);
        var before = profile.Tags.ToArray();

        using var buffer = new MemoryStream();
        engine.Save(buffer);
        buffer.Position = 0;
        var runtime = new TagRuntime(1);
        var restored = PartitionEngine.Load(buffer, engine.Options, runtime);
        Assert.Equal(before, restored.Find(profile.Id)!.Tags.ToArray());
        Assert.True(runtime.Backfill.Complete);
        Assert.False(restored.HasPendingTagWork);
    }

    [Fact]
    public async Task Checkpoint_TakenDuringADaySweep_RunsTheSweepAgainAfterRestore()
    {
        var h = new TagHarness();
        // Enough profiles that one 5 ms slice cannot sweep them all.
        await h.SendAsync(Enumerable.Range(1, 20_000).SelectMany(i => new[] { Share(Viewer((ulong)i), T0), Share(Viewer((ulong)i), T0 + Minute), Share(Viewer((ulong)i), T0 + 2 * Minute) }));
        var engine = h.Host.Engines[0];
        engine.Tick(T0 + 31 * Day); // the shares leave the window: a day sweep starts, one slice only
        Assert.True(engine.HasPendingTagWork);

        using var buffer = new MemoryStream();
        engine.Save(buffer);
        buffer.Position = 0;
        var restored = PartitionEngine.Load(buffer, engine.Options, new TagRuntime(1));
        restored.Tick(T0 + 31 * Day); // the first step after the restore
        restored.CompleteTagWork();
        Assert.All(restored.Profiles, p => Assert.DoesNotContain(p.Tags.ToArray(), t => TagKeys.Name(t.Tag) == "sharer"));
    }

    [Fact]
    public async Task DayTurningDuringABackfill_TheBackfillStillCompletes_ThenTheDayIsSwept()
    {
        var h = new TagHarness();
        for (ulong i = 1; i <= 300; i++) await h.SendAsync(Share(Viewer(i), T0), Share(Viewer(i), T0 + Minute));
        h.Tags.Install(TaxonomyCompiler.Compile(StricterSharer, 2).Taxonomy!);
        var engine = h.Host.Engines[0];
        for (var d = 1; d <= 40; d++) engine.Tick(T0 + d * Day); // a day turns at every step
        engine.CompleteTagWork();
        Assert.True(h.Tags.Backfill.Complete);
        Assert.All(Enumerable.Range(1, 300), i => Assert.False(h.Has(Viewer((ulong)i), "sharer"))); // 40 days later: out of the window
    }

    [Fact]
    public async Task Resume_FurtherBackThanTheQueue_DeliversTheNewest_AndCountsTheSkipped()
    {
        var h = new TagHarness();
        for (ulong i = 1; i <= 20; i++) await h.SendAsync(Share(Viewer(i), T0), Share(Viewer(i), T0 + Minute), Share(Viewer(i), T0 + 2 * Minute));
        var total = h.Changes.LastSequence;
        using var resumed = h.Changes.Subscribe(afterSequence: 0, capacity: 5);
        var got = new List<SequencedTagChange>();
        while (resumed.Reader.TryRead(out var item)) got.Add(item);
        Assert.Equal(5, got.Count);
        Assert.Equal(total, got[^1].Sequence);
        Assert.Equal(total - 5, got[0].Missed);
    }

    [Fact]
    public async Task Merge_ReEvaluatesTheMergedProfile_AsOnePerson()
    {
        var h = new TagHarness(partitions: 4);
        var (viewer, account) = (Viewer(7), Account(7));
        // Each identity alone shares twice: neither is a sharer; one person sharing four times is.
        await h.SendAsync(Share(viewer, T0), Share(viewer, T0 + Minute), Share(account, T0 + 2 * Minute), Share(account, T0 + 3 * Minute));
        Assert.False(h.Has(viewer, "sharer"));
        Assert.False(h.Has(account, "sharer"));
        await h.SendAsync(User(EventType.IdentityLink, T0 + Hour, [viewer], props: p => p.LinkedIds = [account]));
        Assert.True(h.Has(viewer, "sharer"), h.Why(viewer, "sharer"));
        Assert.Equal(h.Locate(viewer).Profile.Id, h.Locate(account).Profile.Id);
    }

    [Fact]
    public async Task LateEvent_OlderThanTheWindow_ChangesNoTag()
    {
        var h = new TagHarness();
        var u = Viewer(1);
        await h.SendAsync(Share(u, T0 + 40 * Day), Share(u, T0 + 40 * Day + Minute));
        await h.SendAsync(Share(u, T0)); // 40 days late: outside the 30-day window at the engine clock
        Assert.False(h.Has(u, "sharer"), h.Why(u, "sharer"));
    }
}
