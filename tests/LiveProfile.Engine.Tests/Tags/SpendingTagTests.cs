using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using static LiveProfile.Engine.Tests.Events;
using static LiveProfile.Engine.Tests.Tags.TagHarness;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>消费能力: scripted users through the engine with the default taxonomy.</summary>
public sealed class SpendingTagTests
{
    private static EventRecord Buy(Pseudonym user, long ts, string product, double price, string? coupon = null, double discount = 0) =>
        Order(ts, [user], price - discount, coupon, (product, price, discount));

    [Fact]
    public async Task HighValue_ThreeOrdersOver2000_Carries_TwoBigOrdersAloneDoNot()
    {
        var h = new TagHarness();
        var (loyal, two) = (Account(1), Account(2));
        await h.SendAsync(Buy(loyal, T0, "phone", 2999), Buy(loyal, T0 + Day, "snack", 29), Buy(loyal, T0 + 2 * Day, "tea", 88),
            Buy(two, T0, "fridge", 3999), Buy(two, T0 + Day, "washer", 2999));
        Assert.True(h.Has(loyal, "high_value"), h.Why(loyal, "high_value"));
        Assert.False(h.Has(two, "high_value"), h.Why(two, "high_value")); // the only other buyer: not in a top 10% of two
    }

    [Fact]
    public async Task HighValue_TopTenPercentBySpend_Carries_RunnerUpDoesNotAfterTheDailyRefresh()
    {
        var h = new TagHarness();
        for (ulong i = 1; i <= 10; i++) await h.SendAsync(Buy(Account(i), T0 + (long)i * Minute, "nuts", 59 * i));
        var (top, runnerUp) = (Account(100), Account(10));
        await h.SendAsync(Buy(top, T0 + Hour, "fridge", 3999));
        Assert.True(h.Has(top, "high_value"), h.Why(top, "high_value"));
        // Ranks among all eleven buyers are refreshed for everyone when the day turns.
        h.AdvanceClock(T0 + Day);
        Assert.True(h.Has(top, "high_value"), h.Why(top, "high_value"));
        Assert.False(h.Has(runnerUp, "high_value"), h.Why(runnerUp, "high_value"));
        Assert.False(h.Has(Account(1), "high_value"));
    }

    [Fact]
    public async Task PriceSensitive_HalfTheOrdersWithCoupons_Carries_FullPriceBuyerDoesNot()
    {
        var h = new TagHarness();
        var (hunter, payer) = (Account(1), Account(2));
        await h.SendAsync(Buy(hunter, T0, "serum", 199, coupon: "c10"), Buy(hunter, T0 + Day, "mask", 59, discount: 10),
            Buy(payer, T0, "serum", 199), Buy(payer, T0 + Day, "mask", 59));
        Assert.True(h.Has(hunter, "price_sensitive"), h.Why(hunter, "price_sensitive"));
        Assert.False(h.Has(payer, "price_sensitive"), h.Why(payer, "price_sensitive"));
    }

    [Fact]
    public async Task PriceSensitive_ThreePriceQuestions_Carries()
    {
        var h = new TagHarness();
        var (asker, once) = (Viewer(1), Viewer(2));
        await h.SendAsync(Comment(T0, asker, "这个多少钱"), Comment(T0 + Minute, asker, "有优惠券吗"), Comment(T0 + 2 * Minute, asker, "能便宜点吗？"),
            Comment(T0, once, "多少钱"));
        Assert.True(h.Has(asker, "price_sensitive"), h.Why(asker, "price_sensitive"));
        Assert.False(h.Has(once, "price_sensitive"), h.Why(once, "price_sensitive"));
    }

    [Fact]
    public async Task ImpulseBuyer_TwoOrdersWithinMinutesOfALiveClick_Carries_SlowDecisionsDoNot()
    {
        var h = new TagHarness();
        var (impulse, slow) = (Viewer(1), Viewer(2));
        foreach (var (product, at) in new[] { ("earbuds", T0), ("serum", T0 + Day) })
        {
            await h.SendAsync(User(EventType.LiveProductClick, at, [impulse], product), Buy(impulse, at + 2 * Minute, product, 399),
                User(EventType.LiveProductClick, at, [slow], product), Buy(slow, at + 30 * Minute, product, 399));
        }
        Assert.True(h.Has(impulse, "impulse_buyer"), h.Why(impulse, "impulse_buyer"));
        Assert.False(h.Has(slow, "impulse_buyer"), h.Why(slow, "impulse_buyer"));
    }

    [Fact]
    public async Task BigTicket_AverageOrderOver1000_Carries_SmallBasketsDoNot()
    {
        var h = new TagHarness();
        var (big, small, single) = (Account(1), Account(2), Account(3));
        await h.SendAsync(Buy(big, T0, "fridge", 3999), Buy(big, T0 + Day, "washer", 2999),
            Buy(small, T0, "snack", 29), Buy(small, T0 + Day, "nuts", 59), Buy(single, T0, "fridge", 3999));
        Assert.True(h.Has(big, "big_ticket"), h.Why(big, "big_ticket"));
        Assert.False(h.Has(small, "big_ticket"), h.Why(small, "big_ticket"));
        Assert.False(h.Has(single, "big_ticket"), h.Why(single, "big_ticket")); // one order is not a habit
    }

    [Fact]
    public async Task RepeatBuyer_SameCategoryTenDaysApart_Carries_ThreeDaysApartDoesNot()
    {
        var h = new TagHarness();
        var (repeat, quick, mixed) = (Account(1), Account(2), Account(3));
        await h.SendAsync(Buy(repeat, T0, "snack", 29), Buy(repeat, T0 + 10 * Day, "nuts", 59),
            Buy(quick, T0, "snack", 29), Buy(quick, T0 + 3 * Day, "nuts", 59),
            Buy(mixed, T0, "snack", 29), Buy(mixed, T0 + 10 * Day, "serum", 199));
        Assert.True(h.Has(repeat, "repeat_buyer"), h.Why(repeat, "repeat_buyer"));
        Assert.False(h.Has(quick, "repeat_buyer"), h.Why(quick, "repeat_buyer"));
        Assert.False(h.Has(mixed, "repeat_buyer"), h.Why(mixed, "repeat_buyer"));
    }

    [Fact]
    public async Task Dormant_NoActivityFor60Days_Carries_ComingBackEndsIt()
    {
        var h = new TagHarness();
        var (sleeper, active) = (Account(1), Account(2));
        await h.SendAsync(User(EventType.ShopView, T0, [sleeper], "snack"), User(EventType.ShopView, T0, [active], "snack"));
        Assert.False(h.Has(sleeper, "dormant"));
        await h.SendAsync(User(EventType.ShopView, T0 + 45 * Day, [active], "snack"));
        h.AdvanceClock(T0 + 59 * Day);
        Assert.False(h.Has(sleeper, "dormant"), h.Why(sleeper, "dormant"));
        h.AdvanceClock(T0 + 61 * Day);
        Assert.True(h.Has(sleeper, "dormant"), h.Why(sleeper, "dormant"));
        Assert.False(h.Has(active, "dormant"), h.Why(active, "dormant"));
        await h.SendAsync(User(EventType.LiveJoin, T0 + 62 * Day, [sleeper]));
        Assert.False(h.Has(sleeper, "dormant"), h.Why(sleeper, "dormant"));
    }

    [Fact]
    public async Task ChurnRisk_IsAbsentUntilAModelScores_ThenFollowsTheScore_SourceModel()
    {
        var h = new TagHarness();
        var (buyer, browser) = (Account(1), Account(2));
        await h.SendAsync(Buy(buyer, T0, "serum", 199), User(EventType.ShopView, T0, [browser], "serum"));
        Assert.False(h.Has(buyer, "churn_risk"), h.Why(buyer, "churn_risk"));

        var (engine, profile) = h.Locate(buyer);
        Assert.True(engine.SetModelScore(profile.Id, "churn", 0.82));
        Assert.True(h.Has(buyer, "churn_risk"), h.Why(buyer, "churn_risk"));
        Assert.Equal(TagSource.Model, h.Tag(buyer, "churn_risk").Source);

        engine.SetModelScore(profile.Id, "churn", 0.2);
        Assert.False(h.Has(buyer, "churn_risk"), h.Why(buyer, "churn_risk"));
        engine.SetModelScore(profile.Id, "p_alive", 0.1); // BG/NBD: probably no longer a customer
        Assert.True(h.Has(buyer, "churn_risk"));

        var (browserEngine, browserProfile) = h.Locate(browser);
        browserEngine.SetModelScore(browserProfile.Id, "churn", 0.95);
        Assert.False(h.Has(browser, "churn_risk"), h.Why(browser, "churn_risk")); // never bought: nothing to churn from
    }
}
