using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Tags;
using static LiveProfile.Engine.Tests.Events;
using static LiveProfile.Engine.Tests.Tags.TagHarness;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary><c>potential:&lt;category&gt;</c>: a snack lover suddenly engaging with digital products.</summary>
public sealed class InterestShiftTests
{
    /// <summary>Three weeks of snacks: 2 food interactions a day.</summary>
    private static async Task<Pseudonym> SnackLover(TagHarness h)
    {
        var u = Account(1);
        for (var d = 0; d < 21; d++)
        {
            await h.SendAsync(User(EventType.ShopView, T0 + d * Day, [u], "snack"), User(EventType.ShopView, T0 + d * Day + Hour, [u], "nuts"));
        }
        Assert.True(h.Has(u, "interest:food"));
        Assert.DoesNotContain(h.TagsOf(u), t => t.StartsWith("potential:", StringComparison.Ordinal));
        return u;
    }

    [Fact]
    public async Task SuddenDigitalSession_PotentialDigitalAppears_WithAnInterestShiftChange()
    {
        var h = new TagHarness();
        var u = await SnackLover(h);
        var at = T0 + 21 * Day;
        await h.SendAsync(Enumerable.Range(0, 8).Select(i => User(EventType.LiveProductClick, at + i * Minute, [u], i % 2 == 0 ? "phone" : "earbuds")));
        Assert.True(h.Has(u, "potential:digital"), h.Why(u, "potential:digital"));
        Assert.False(h.Has(u, "interest:digital"), h.Why(u, "interest:digital"));
        var shift = Assert.Single(h.ChangesOf(u), c => c.Kind == TagChangeKind.InterestShift);
        Assert.Equal("potential:digital", shift.Tag);
        Assert.Contains("share('digital')", shift.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShiftThatHolds_BecomesInterestDigital_AndThePotentialGoes()
    {
        var h = new TagHarness();
        var u = await SnackLover(h);
        var at = T0 + 21 * Day;
        await h.SendAsync(Enumerable.Range(0, 8).Select(i => User(EventType.LiveProductClick, at + i * Minute, [u], "phone")));
        Assert.True(h.Has(u, "potential:digital"));
        // It keeps going: digital dominates the next days.
        for (var d = 1; d <= 4; d++)
        {
            await h.SendAsync(Enumerable.Range(0, 10).Select(i => User(EventType.ShopView, at + d * Day + i * Minute, [u], "earbuds")));
        }
        Assert.True(h.Has(u, "interest:digital"), h.Why(u, "interest:digital"));
        Assert.False(h.Has(u, "potential:digital"), h.Why(u, "potential:digital"));
    }

    [Fact]
    public async Task ShiftThatFades_PotentialIsRemovedWhenTheBurstIsAWeekOld()
    {
        var h = new TagHarness();
        var u = await SnackLover(h);
        var at = T0 + 21 * Day;
        await h.SendAsync(Enumerable.Range(0, 8).Select(i => User(EventType.LiveProductClick, at + i * Minute, [u], "phone")));
        Assert.True(h.Has(u, "potential:digital"), h.Why(u, "potential:digital"));
        // Back to snacks only; a week later the digital share is no longer three times what it was 7 days before.
        for (var d = 1; d <= 8; d++)
        {
            await h.SendAsync(User(EventType.ShopView, at + d * Day, [u], "snack"), User(EventType.ShopView, at + d * Day + Hour, [u], "nuts"));
        }
        Assert.False(h.Has(u, "potential:digital"), h.Why(u, "potential:digital"));
        Assert.False(h.Has(u, "interest:digital"));
        Assert.Contains(h.ChangesOf(u), c => c.Tag == "potential:digital" && c.Kind == TagChangeKind.Removed);
    }

    [Fact]
    public async Task NewUserWithoutHistory_GetsNoPotential()
    {
        var h = new TagHarness();
        var u = Account(2);
        await h.SendAsync(Enumerable.Range(0, 3).Select(i => User(EventType.LiveProductClick, T0 + i * Minute, [u], "phone")));
        Assert.DoesNotContain(h.TagsOf(u), t => t.StartsWith("potential:", StringComparison.Ordinal)); // nothing to shift from
    }
}
