using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Tags;
using static LiveProfile.Engine.Tests.Events;
using static LiveProfile.Engine.Tests.Tags.TagHarness;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>行为偏好: scripted users through the engine with the default taxonomy.</summary>
public sealed class BehaviorTagTests
{
    private static EventRecord[] Clicks(Pseudonym user, string product, int n, long from, long step = Minute) =>
        [.. Enumerable.Range(0, n).Select(i => User(EventType.LiveProductClick, from + i * step, [user], product))];

    [Fact]
    public async Task Interest_MostInteractionsInBeauty_CarriesInterestBeautyWeightedByShare()
    {
        var h = new TagHarness();
        var u = Account(1);
        await h.SendAsync([.. Clicks(u, "serum", 4, T0), User(EventType.ShopView, T0 + 10 * Minute, [u], "cream"),
            User(EventType.ShopCartAdd, T0 + 11 * Minute, [u], "mask"), .. Clicks(u, "snack", 2, T0 + 20 * Minute)]);
        Assert.True(h.Has(u, "interest:beauty"), h.Why(u, "interest:beauty"));
        // 6 of 8 interactions within half an hour: decay is negligible.
        Assert.Equal(6 / 8.0, h.Tag(u, "interest:beauty").Weight, 2);
        Assert.False(h.Has(u, "interest:food"), h.Why(u, "interest:food")); // 25% share, 2 interactions
    }

    [Fact]
    public async Task Interest_FewInteractions_OrMinorShare_NoInterest()
    {
        var h = new TagHarness();
        var (few, minor) = (Account(1), Account(2));
        await h.SendAsync([.. Clicks(few, "serum", 3, T0), .. Clicks(minor, "serum", 5, T0), .. Clicks(minor, "snack", 15, T0 + Hour)]);
        Assert.False(h.Has(few, "interest:beauty"), h.Why(few, "interest:beauty"));     // 100% but only 3 interactions
        Assert.False(h.Has(minor, "interest:beauty"), h.Why(minor, "interest:beauty")); // 5 interactions but 25%
        Assert.True(h.Has(minor, "interest:food"));
    }

    [Fact]
    public async Task Interest_CommentAboutTheProductOnScreen_CountsAsInteraction_ChitChatDoesNot()
    {
        var h = new TagHarness();
        var (asker, chatter) = (Viewer(1), Viewer(2));
        await h.SendAsync(OnScreen("room1", "fridge", T0));
        await h.SendAsync(
            Comment(T0 + Minute, asker, "这款冰箱多少钱"), Comment(T0 + 2 * Minute, asker, "耗电量大吗"), Comment(T0 + 3 * Minute, asker, "有优惠券吗"),
            Comment(T0 + 4 * Minute, asker, "已拍"), Comment(T0 + 5 * Minute, asker, "海尔的质量好吗"),
            Comment(T0 + Minute, chatter, "主播晚上好"), Comment(T0 + 2 * Minute, chatter, "哈哈哈哈"), Comment(T0 + 3 * Minute, chatter, "来了来了"),
            Comment(T0 + 4 * Minute, chatter, "晚上好呀"), Comment(T0 + 5 * Minute, chatter, "主播好漂亮"));
        Assert.True(h.Has(asker, "interest:appliance"), h.Why(asker, "interest:appliance"));
        Assert.False(h.Has(chatter, "interest:appliance"), h.Why(chatter, "interest:appliance"));
    }

    private static async Task<TagHarness> ApplianceSession()
    {
        var h = new TagHarness();
        await h.SendAsync(Session("s-app", "room2", T0, "fridge", "washer"), OnScreen("room2", "fridge", T0));
        return h;
    }

    /// <summary>A visit of <paramref name="minutes"/> with a heartbeat every minute, as producers send them.</summary>
    private static EventRecord[] Research(Pseudonym u, double minutes) =>
    [
        User(EventType.LiveJoin, T0 + Minute, [u], room: "room2"),
        .. Enumerable.Range(1, (int)minutes - 1).Select(m => User(EventType.LiveHeartbeat, T0 + Minute + m * Minute, [u], room: "room2")),
        User(EventType.ShopView, T0 + 2 * Minute, [u], "fridge"),
        User(EventType.LiveProductClick, T0 + 3 * Minute, [u], "washer", room: "room2"),
        User(EventType.ShopView, T0 + 4 * Minute, [u], "fridge"),
        Comment(T0 + 2 * Minute, u, "这款冰箱多少钱？", "room2"),
        Comment(T0 + 3 * Minute, u, "和西门子比怎么样，有实测吗", "room2"),
        User(EventType.LiveLeave, T0 + Minute + (long)(minutes * Minute), [u], room: "room2"),
    ];

    [Fact]
    public async Task ApplianceResearcher_ViewsTwoProducts_AsksTwice_WatchesLong_Carries()
    {
        var h = await ApplianceSession();
        var u = Account(1);
        await h.SendAsync(Research(u, 25));
        Assert.True(h.Has(u, "appliance_researcher"), h.Why(u, "appliance_researcher"));
    }

    [Fact]
    public async Task ApplianceResearcher_SameButShortDwell_DoesNotCarry()
    {
        var h = await ApplianceSession();
        var u = Account(1);
        await h.SendAsync(Research(u, 3));
        Assert.False(h.Has(u, "appliance_researcher"), h.Why(u, "appliance_researcher"));
    }

    [Fact]
    public async Task NightOwl_ActiveAt23OnThreeDays_Carries_AfternoonsDoNot()
    {
        var h = new TagHarness();
        var (owl, lark, twoNights) = (Account(1), Account(2), Account(3));
        for (var d = 0; d < 3; d++)
        {
            // T0 is 12:00 local (UTC+8): +11 h is 23:00, +2 h is 14:00.
            await h.SendAsync(User(EventType.ShopView, T0 + d * Day + 11 * Hour, [owl], "snack"),
                User(EventType.ShopView, T0 + d * Day + 2 * Hour, [lark], "snack"));
            if (d < 2) await h.SendAsync(User(EventType.ShopView, T0 + d * Day + 11 * Hour, [twoNights], "snack"));
        }
        Assert.True(h.Has(owl, "night_owl"), h.Why(owl, "night_owl"));
        Assert.Equal(1f, h.Tag(owl, "night_owl").Weight);
        Assert.False(h.Has(lark, "night_owl"), h.Why(lark, "night_owl"));
        Assert.False(h.Has(twoNights, "night_owl"), h.Why(twoNights, "night_owl"));
    }

    [Fact]
    public async Task LoyalFan_FourSessionsOfOneRoomIn30Days_Carries_ThreeDoNot()
    {
        var h = new TagHarness();
        var (fan, casual) = (Viewer(1), Viewer(2));
        for (var d = 0; d < 4; d++)
        {
            await h.SendAsync(Watch(T0 + d * 3 * Day, fan, 20));
            if (d < 3) await h.SendAsync(Watch(T0 + d * 3 * Day, casual, 20));
        }
        Assert.True(h.Has(fan, "loyal_fan"), h.Why(fan, "loyal_fan"));
        Assert.False(h.Has(casual, "loyal_fan"), h.Why(casual, "loyal_fan"));
    }

    [Fact]
    public async Task LoyalFan_FollowsAndAttendedThreeOfTheLastFive_Carries_WithoutFollowDoesNot()
    {
        var h = new TagHarness();
        var (follower, stranger) = (Viewer(1), Viewer(2));
        for (var k = 0; k < 5; k++) await h.SendAsync(Session($"s3-{k}", "room3", T0 + k * 2 * Day));
        await h.SendAsync(User(EventType.LiveFollow, T0 + 5 * Minute, [follower], room: "room3"));
        foreach (var k in new[] { 0, 2, 4 })
        {
            await h.SendAsync([.. Watch(T0 + k * 2 * Day + 10 * Minute, follower, 30, "room3"), .. Watch(T0 + k * 2 * Day + 10 * Minute, stranger, 30, "room3")]);
        }
        Assert.True(h.Has(follower, "loyal_fan"), h.Why(follower, "loyal_fan"));
        Assert.False(h.Has(stranger, "loyal_fan"), h.Why(stranger, "loyal_fan"));
    }

    [Fact]
    public async Task SilentWatcher_SeventyMinutesWithoutAWord_Carries_OneLikeEndsIt()
    {
        var h = new TagHarness();
        var (silent, liker) = (Viewer(1), Viewer(2));
        await h.SendAsync([.. Watch(T0, silent, 70), .. Watch(T0, liker, 70)]);
        Assert.True(h.Has(silent, "silent_watcher"), h.Why(silent, "silent_watcher"));
        Assert.True(h.Has(liker, "silent_watcher"));
        await h.SendAsync(User(EventType.LiveLike, T0 + 80 * Minute, [liker]));
        Assert.False(h.Has(liker, "silent_watcher"), h.Why(liker, "silent_watcher"));
    }

    [Fact]
    public async Task SilentWatcher_ShortVisit_DoesNotCarry()
    {
        var h = new TagHarness();
        var u = Viewer(1);
        await h.SendAsync(Watch(T0, u, 20));
        Assert.False(h.Has(u, "silent_watcher"), h.Why(u, "silent_watcher"));
    }

    [Fact]
    public async Task ActiveChatter_25CommentsInAnHour_Carries_SpreadOver20HoursDoesNot()
    {
        var h = new TagHarness();
        var (chatter, slow) = (Viewer(1), Viewer(2));
        await h.SendAsync([.. Watch(T0, chatter, 60), .. Enumerable.Range(0, 25).Select(i => Comment(T0 + (i + 1) * 2 * Minute, chatter, $"哈哈哈{i}"))]);
        for (var d = 0; d < 5; d++)
        {
            // Four-hour visits on five days: 20 hours watched, 5 comments each.
            await h.SendAsync([.. Watch(T0 + d * Day, slow, 240), .. Enumerable.Range(0, 5).Select(i => Comment(T0 + d * Day + (i + 1) * 30 * Minute, slow, "来了"))]);
        }
        Assert.True(h.Has(chatter, "active_chatter"), h.Why(chatter, "active_chatter"));
        Assert.False(h.Has(slow, "active_chatter"), h.Why(slow, "active_chatter"));
    }

    [Fact]
    public async Task GiftGiver_120YuanOfGifts_Carries_UntilTheyLeaveThe30DayWindow()
    {
        var h = new TagHarness();
        var (giver, small) = (Viewer(1), Viewer(2));
        await h.SendAsync(
            User(EventType.LiveGift, T0, [giver], props: p => { p.GiftId = "rocket"; p.Value = 60; }),
            User(EventType.LiveGift, T0 + Day, [giver], props: p => { p.GiftId = "rocket"; p.Value = 60; }),
            User(EventType.LiveGift, T0, [small], props: p => { p.GiftId = "rose"; p.Value = 50; }));
        Assert.True(h.Has(giver, "gift_giver"), h.Why(giver, "gift_giver"));
        Assert.False(h.Has(small, "gift_giver"), h.Why(small, "gift_giver"));

        h.AdvanceClock(T0 + 30 * Day); // the first gift leaves the window: 60 left
        Assert.False(h.Has(giver, "gift_giver"), h.Why(giver, "gift_giver"));
        Assert.Contains(h.ChangesOf(giver), c => c.Tag == "gift_giver" && c.Kind == TagChangeKind.Removed);
    }

    [Fact]
    public async Task Sharer_ThreeShares_Carries_TwoDoNot_AndExpires()
    {
        var h = new TagHarness();
        var (sharer, two) = (Viewer(1), Viewer(2));
        await h.SendAsync([.. Enumerable.Range(0, 3).Select(i => User(EventType.LiveShare, T0 + i * Hour, [sharer])),
            .. Enumerable.Range(0, 2).Select(i => User(EventType.LiveShare, T0 + i * Hour, [two]))]);
        Assert.True(h.Has(sharer, "sharer"), h.Why(sharer, "sharer"));
        Assert.False(h.Has(two, "sharer"), h.Why(two, "sharer"));
        h.AdvanceClock(T0 + 29 * Day);
        Assert.True(h.Has(sharer, "sharer"));
        h.AdvanceClock(T0 + 31 * Day);
        Assert.False(h.Has(sharer, "sharer"), h.Why(sharer, "sharer"));
    }
}
