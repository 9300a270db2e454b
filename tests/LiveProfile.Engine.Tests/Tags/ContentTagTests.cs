using LiveProfile.Engine.Contract;
using static LiveProfile.Engine.Tests.Events;
using static LiveProfile.Engine.Tests.Tags.TagHarness;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>兴趣内容: scripted users through the engine with the default taxonomy (comments through the real classifier).</summary>
public sealed class ContentTagTests
{
    [Fact]
    public async Task IngredientFocused_ThreeIngredientQuestions_AnyPhrasing_Carries_TwoDoNot()
    {
        var h = new TagHarness();
        var (expert, curious) = (Viewer(1), Viewer(2));
        await h.SendAsync(
            Comment(T0, expert, "这个精华的成分安全吗"), Comment(T0 + Minute, expert, "敏感肌能用吗？"), Comment(T0 + 2 * Minute, expert, "配方里有酒精吗"),
            Comment(T0, curious, "成分表有吗"), Comment(T0 + Minute, curious, "敏感肌能用吗"));
        Assert.True(h.Has(expert, "ingredient_focused"), h.Why(expert, "ingredient_focused"));
        Assert.False(h.Has(curious, "ingredient_focused"), h.Why(curious, "ingredient_focused"));
    }

    [Fact]
    public async Task GuochaoLover_MostInteractionsOnGuochaoProducts_Carries_WeightedByShare()
    {
        var h = new TagHarness();
        var (fan, other) = (Account(1), Account(2));
        string[] guochao = ["serum", "cream", "tea", "coat", "shoes"];
        await h.SendAsync([.. guochao.Select((p, i) => User(EventType.ShopView, T0 + i * Minute, [fan], p)), User(EventType.ShopView, T0 + 9 * Minute, [fan], "mask")]);
        await h.SendAsync([User(EventType.ShopView, T0, [other], "tea"), .. new[] { "mask", "serum-b", "nuts", "tee", "mat" }.Select((p, i) => User(EventType.ShopView, T0 + (i + 1) * Minute, [other], p))]);
        Assert.True(h.Has(fan, "guochao_lover"), h.Why(fan, "guochao_lover"));
        Assert.Equal(5 / 6.0, h.Tag(fan, "guochao_lover").Weight, 2);
        Assert.False(h.Has(other, "guochao_lover"), h.Why(other, "guochao_lover"));
    }

    [Fact]
    public async Task GuochaoLover_FewerThanFiveInteractions_DoesNotCarry()
    {
        var h = new TagHarness();
        var u = Account(1);
        await h.SendAsync(User(EventType.ShopView, T0, [u], "tea"), User(EventType.ShopView, T0 + Minute, [u], "coat"));
        Assert.False(h.Has(u, "guochao_lover"), h.Why(u, "guochao_lover"));
    }

    [Fact]
    public async Task ReviewFocused_ThreeReviewViews_OrThreeReviewQuestions_Carries_OneDoesNot()
    {
        var h = new TagHarness();
        var (reader, asker, once) = (Account(1), Viewer(2), Viewer(3));
        await h.SendAsync(Enumerable.Range(0, 3).Select(i => User(EventType.ShopView, T0 + i * Minute, [reader], "phone", props: p => p.Section = "reviews")));
        await h.SendAsync(Comment(T0, asker, "有测评吗"), Comment(T0 + Minute, asker, "和戴森比怎么样，有实测吗"), Comment(T0 + 2 * Minute, asker, "跟小米的对比一下参数"),
            Comment(T0, once, "有实测吗"));
        Assert.True(h.Has(reader, "review_focused"), h.Why(reader, "review_focused"));
        Assert.True(h.Has(asker, "review_focused"), h.Why(asker, "review_focused"));
        Assert.False(h.Has(once, "review_focused"), h.Why(once, "review_focused"));
    }

    [Fact]
    public async Task PromotionHunter_CouponsInThreeSessions_Carries_ThreeCouponsInOneSessionDoNot()
    {
        var h = new TagHarness();
        var (hunter, burst) = (Viewer(1), Viewer(2));
        for (var d = 0; d < 3; d++)
        {
            await h.SendAsync(User(EventType.LiveCouponClaim, T0 + d * Day, [hunter], props: p => p.CouponId = $"c{d}"),
                User(EventType.LiveCouponClaim, T0 + d * Minute, [burst], props: p => p.CouponId = $"c{d}"));
        }
        Assert.True(h.Has(hunter, "promotion_hunter"), h.Why(hunter, "promotion_hunter"));
        Assert.False(h.Has(burst, "promotion_hunter"), h.Why(burst, "promotion_hunter"));
    }

    [Fact]
    public async Task QualitySeeker_OrdersAboveTheirCategoryMedian_Carries_BargainsDoNot()
    {
        var h = new TagHarness();
        var (premium, bargain) = (Account(1), Account(2));
        // Medians of the test catalogue: appliance 2,999, beauty 149.
        await h.SendAsync(Order(T0, [premium], 3999, null, ("fridge", 3999, 0)), Order(T0 + Day, [premium], 299, null, ("serum-b", 299, 0)),
            Order(T0, [bargain], 199, null, ("fan", 199, 0)), Order(T0 + Day, [bargain], 59, null, ("mask", 59, 0)));
        Assert.True(h.Has(premium, "quality_seeker"), h.Why(premium, "quality_seeker"));
        Assert.False(h.Has(bargain, "quality_seeker"), h.Why(bargain, "quality_seeker"));
    }
}
