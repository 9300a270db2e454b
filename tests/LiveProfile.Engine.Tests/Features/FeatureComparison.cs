using LiveProfile.Engine.Features;
using LiveProfile.Engine.Partitioning;

namespace LiveProfile.Engine.Tests.Features;

/// <summary>Compares two profiles' features by name (interned ids differ between engines).</summary>
internal static class FeatureComparison
{
    public static void AssertSame(PartitionEngine ea, Profile a, PartitionEngine eb, Profile b)
    {
        Assert.Equal(a.FirstSeenMinute, b.FirstSeenMinute);
        Assert.Equal(a.LastSeenMinute, b.LastSeenMinute);
        Assert.Equal(a.Orders, b.Orders);
        Assert.Equal(a.DiscountedOrders, b.DiscountedOrders);
        Assert.Equal(a.Spend, b.Spend, 6);
        Assert.Equal(a.LastOrderMinute, b.LastOrderMinute);
        Assert.Equal(Names(ea, a.FollowedRooms), Names(eb, b.FollowedRooms));

        var at = Math.Max(a.LastSeenMinute, 0);
        var h = ea.Options.HalfLifeMinutes;
        Close(a.InteractionScoreAt(at, h), b.InteractionScoreAt(at, h));
        var affA = a.Affinities.ToArray().ToDictionary(x => ea.World.Keys.Name(x.Key), x => a.AffinityAt(x.Key, at, h));
        var affB = b.Affinities.ToArray().ToDictionary(x => eb.World.Keys.Name(x.Key), x => b.AffinityAt(x.Key, at, h));
        Assert.Equal(affA.Keys.Order(), affB.Keys.Order());
        foreach (var (key, value) in affA) Close(value, affB[key]);

        Assert.Equal(Windows(ea, a), Windows(eb, b));
        Assert.Equal(Attendance(ea, a), Attendance(eb, b));
        Assert.Equal(Products(ea, a), Products(eb, b));
        Assert.Equal(a.PurchaseDays.ToArray().Select(d => (d.Day, Math.Round(d.Spend, 6))), b.PurchaseDays.ToArray().Select(d => (d.Day, Math.Round(d.Spend, 6))));
        Assert.Equal(Invitations(ea, a), Invitations(eb, b));
    }

    private static string[] Products(PartitionEngine e, Profile p) =>
        [.. p.ViewedProducts.ToArray().Select(v => $"{e.World.Keys.Name(v.Product)}/{v.Day}/{v.Signals}").Order()];

    private static string[] Invitations(PartitionEngine e, Profile p) =>
        [.. p.Invitations.ToArray().Select(i => $"{e.World.Keys.Name(i.Session)}/{i.Day}").Order()];

    private static void Close(double x, double y) =>
        Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))), $"{x} != {y}");

    private static string[] Names(PartitionEngine e, int[]? keys) => keys is null ? [] : [.. keys.Select(k => e.World.Keys.Name(k)).Order()];

    private static string[] Windows(PartitionEngine e, Profile p) =>
        [.. p.Windows.ToArray().Select(w => $"{w.Day}/{WindowKey(e, w.Key)}={w.Count}").Order()];

    private static string WindowKey(PartitionEngine e, ushort key) =>
        FeatureKeys.TrySplitCategory(key, out var rangeBase, out var category)
            ? $"{rangeBase}:{e.World.Categories.Name(category)}"
            : key.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Attendance(PartitionEngine e, Profile p) =>
        [.. p.Attendance.ToArray().Select(a => $"{e.World.Keys.Name(a.Session)}/{e.World.Keys.Name(a.Room)}/{a.Day}/{a.DwellSeconds}/{a.Flags}").Order()];
}
