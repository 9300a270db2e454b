using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Ranking;
using LiveProfile.Engine.Tests.Tags;
using static LiveProfile.Engine.Tests.Events;
using static LiveProfile.Engine.Tests.Tags.TagHarness;

namespace LiveProfile.Engine.Tests.Ranking;

/// <summary>The item-to-item model learns from products viewed together and from products bought together.</summary>
public sealed class ItemNeighborsTests
{
    [Fact]
    public async Task ProductsBoughtTogether_AreNeighbours_WithoutBeingViewedTogether()
    {
        var harness = new TagHarness(partitions: 2);
        // Three people buy the serum and the mask on different days (no views at all); two view the phone and earbuds.
        for (ulong u = 1; u <= 3; u++)
        {
            await harness.SendAsync(Order(T0, [Account(u)], 199, null, ("serum", 199, 0)), Order(T0 + 5 * Day, [Account(u)], 59, null, ("mask", 59, 0)));
        }
        await harness.SendAsync(Order(T0, [Account(4)], 258, null, ("serum", 199, 0), ("cream", 59, 0)));
        for (ulong u = 10; u <= 11; u++)
        {
            await harness.SendAsync(User(EventType.ShopView, T0, [Account(u)], product: "phone"), User(EventType.ShopView, T0 + Day, [Account(u)], product: "earbuds"));
        }
        harness.AdvanceClock(T0 + 6 * Day);

        var counts = new CoOccurrences();
        foreach (var engine in harness.Host.Engines) counts.Add(engine.CoOccurrences(30));
        Assert.Equal(3, counts.Purchases.Pairs[("mask", "serum")]);
        Assert.Equal(1, counts.Purchases.Pairs[("cream", "serum")]);
        Assert.Equal(2, counts.Views.Pairs[("earbuds", "phone")]);
        Assert.DoesNotContain(("mask", "serum"), counts.Views.Pairs.Keys);

        var neighbors = ItemNeighbors.From(counts);
        var ofSerum = neighbors.Of("serum").ToArray();
        Assert.Equal(["mask", "cream"], ofSerum.Select(n => n.Product));
        Assert.Equal(3 / Math.Sqrt(4 * 3), ofSerum[0].Weight, 5); // cosine of the buyers: 3 together, 4 and 3 buyers
        Assert.Equal(1, neighbors.Of("phone")[0].Weight, 5);

        // Bought products are kept beside viewed ones but do not count as viewed.
        var (_, buyer) = harness.Locate(Account(1));
        Assert.All(buyer.ViewedProducts.ToArray(), p => Assert.Equal(ProductSignals.Bought, p.Signals));
        Assert.Equal(0, buyer.DistinctViewed(buyer.ViewedProducts[0].Category, Time.EventTime.LocalDay(T0 + 6 * Day, 480), 30));
    }

    [Fact]
    public void ViewedAndBoughtTogether_AddUp_AtMostOne()
    {
        var counts = new CoOccurrences();
        counts.Views.Count("a", 2);
        counts.Views.Count("b", 2);
        counts.Views.CountPair("b", "a", 1);
        counts.Purchases.Count("a", 1);
        counts.Purchases.Count("b", 1);
        counts.Purchases.CountPair("a", "b", 1);
        var neighbors = ItemNeighbors.From(counts);
        Assert.Equal(1f, neighbors.Of("a")[0].Weight); // 0.5 + 1, capped
        counts.Purchases.Pairs.Clear();
        Assert.Equal(0.5f, ItemNeighbors.From(counts).Of("b")[0].Weight);
    }
}
