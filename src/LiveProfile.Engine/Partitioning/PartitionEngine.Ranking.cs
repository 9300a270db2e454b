using LiveProfile.Engine.Features;
using LiveProfile.Engine.Ranking;
using LiveProfile.Engine.Tags;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// In-live recommendations: a room's current line-up ranked for a viewer held here (<see cref="LineupRanker"/>), this
/// partition's share of the room's momentum (clicks in the session's funnels), and the co-views and co-purchases its
/// profiles contribute to the item-to-item model.
/// </summary>
public sealed partial class PartitionEngine
{
    /// <summary>Products of a profile's recent views paired when looked at within this many days of each other.</summary>
    public const int CoViewDays = 3;

    /// <summary>The newest views (and purchases) of a profile that make pairs (bounds the pairs per profile at 28 each).</summary>
    public const int CoViewNewest = 8;

    private ItemNeighbors _itemNeighbors = ItemNeighbors.Empty;

    /// <summary>The item-to-item model the ranking reads (set after each fit over all partitions).</summary>
    public ItemNeighbors ItemNeighbors
    {
        get => _itemNeighbors;
        set => _itemNeighbors = value ?? ItemNeighbors.Empty;
    }

    /// <summary>
    /// The session <paramref name="room"/> is in now (scheduled with <c>catalog.session</c>) and its line-up's catalogued
    /// products; null when no scheduled session runs. Every partition answers the same: the catalog is everyone's.
    /// </summary>
    public (string Session, List<ProductInfo> Products, List<string> Ids)? CurrentLineup(string room)
    {
        if (WatermarkMs == long.MinValue) return null;
        return LineupOf(World.ResolveSession(room, null, WatermarkMs, Options.LocalUtcOffsetMinutes));
    }

    /// <summary>A scheduled session's line-up: its catalogued products, each once, in the streamer's order.</summary>
    public (string Session, List<ProductInfo> Products, List<string> Ids)? LineupOf(string sessionId)
    {
        if (!World.Sessions.TryGetValue(sessionId, out var scheduled)) return null;
        var lineup = new List<ProductInfo>(scheduled.Products.Length);
        var ids = new List<string>(scheduled.Products.Length);
        foreach (var product in scheduled.Products)
        {
            if (!World.TryGetProduct(product, out var info) || ids.Contains(product)) continue;
            lineup.Add(info);
            ids.Add(product);
        }
        return (sessionId, lineup, ids);
    }

    /// <summary>This partition's distinct clickers of each product of the room's current line-up (summed over partitions, the room's momentum).</summary>
    public (string Session, string[] Products, long[] Clicks)? LineupClicks(string room)
    {
        if (CurrentLineup(room) is not var (sessionId, lineup, ids)) return null;
        var session = World.SessionKey(room, sessionId, WatermarkMs, Options.LocalUtcOffsetMinutes);
        var clicks = new long[lineup.Count];
        for (var i = 0; i < lineup.Count; i++)
        {
            clicks[i] = _funnelsByKey.TryGetValue((session, lineup[i].ProductKey), out var held) ? held.Funnel.ClickedCount : 0;
        }
        return (sessionId, [.. ids], clicks);
    }

    /// <summary>
    /// The room's current line-up ranked for <paramref name="profileId"/> (not personalised without the profile here or its
    /// consent), with the room's momentum <paramref name="clicks"/> per product (from every partition); null when no
    /// scheduled session runs.
    /// </summary>
    public LineupRanking? RankLineup(ulong? profileId, string room, IReadOnlyDictionary<string, long> clicks, int limit) =>
        CurrentLineup(room) is { } lineup ? Rank(profileId, lineup, clicks, World.OnScreenId(room, WatermarkMs), limit) : null;

    /// <summary>
    /// A scheduled session's line-up ranked as <see cref="RankLineup"/> does, at <paramref name="atMs"/> (what is on screen
    /// then): offline evaluation ranks sessions after the state it holds.
    /// </summary>
    public LineupRanking? RankSession(ulong? profileId, string session, IReadOnlyDictionary<string, long> clicks, long atMs, int limit) =>
        LineupOf(session) is { } lineup && World.Sessions.TryGetValue(session, out var scheduled)
            ? Rank(profileId, lineup, clicks, World.OnScreenId(scheduled.Room, atMs), limit)
            : null;

    private LineupRanking? Rank(ulong? profileId, (string Session, List<ProductInfo> Products, List<string> Ids) found, IReadOnlyDictionary<string, long> clicks,
        string? onScreen, int limit)
    {
        var (sessionId, lineup, ids) = found;
        if (Today is not { } today) return null;
        Span<long> momentum = lineup.Count <= 256 ? stackalloc long[lineup.Count] : new long[lineup.Count];
        for (var i = 0; i < lineup.Count; i++) momentum[i] = clicks.GetValueOrDefault(ids[i]);
        ViewerContext? viewer = null;
        if (profileId is { } id && _profiles.TryGetValue(id, out var profile) && profile.Consent.HasFlag(Consent.Personalization))
        {
            var ingredientFocused = TagKeys.TryGet("ingredient_focused", out var tag) && profile.HasTag(tag);
            viewer = new ViewerContext(profile, today, ingredientFocused, ProductName);
        }
        var ranked = LineupRanker.Rank(viewer, lineup, ids, momentum, onScreen, _itemNeighbors, key => key < 0 ? "" : World.Keys.Name(key), limit);
        return new LineupRanking(sessionId, viewer is not null, lineup.Count, ranked);
    }

    /// <summary>
    /// This partition's co-occurrences: each profile's newest views, paired when seen within <see cref="CoViewDays"/> of
    /// each other, and its newest purchases, paired all together; both over the last <paramref name="sinceDays"/> days.
    /// </summary>
    public CoOccurrences CoOccurrences(int sinceDays)
    {
        var counts = new CoOccurrences();
        if (Today is not { } today) return counts;
        Span<ViewedProduct> newest = stackalloc ViewedProduct[CoViewNewest];
        foreach (var profile in _profiles.Values)
        {
            var products = profile.ViewedProducts;
            if (products.IsEmpty) continue;
            var n = Newest(products, ProductSignals.Viewed, today, sinceDays, newest);
            CountPairs(counts.Views, newest[..n], CoViewDays);
            n = Newest(products, ProductSignals.Bought, today, sinceDays, newest);
            CountPairs(counts.Purchases, newest[..n], int.MaxValue);
        }
        return counts;
    }

    /// <summary>Fills <paramref name="newest"/> with the newest products of a signal within the window; returns how many.</summary>
    private static int Newest(ReadOnlySpan<ViewedProduct> products, ProductSignals signal, int today, int sinceDays, Span<ViewedProduct> newest)
    {
        var n = 0;
        foreach (var v in products)
        {
            if (!v.Signals.HasFlag(signal) || today - v.Day >= sinceDays) continue;
            if (n < newest.Length) newest[n++] = v;
            else
            {
                // Keep the newest: replace the oldest held when this one is newer.
                var oldest = 0;
                for (var i = 1; i < n; i++) if (newest[i].Day < newest[oldest].Day) oldest = i;
                if (v.Day > newest[oldest].Day) newest[oldest] = v;
            }
        }
        return n;
    }

    private void CountPairs(PairCounts counts, ReadOnlySpan<ViewedProduct> products, int withinDays)
    {
        for (var i = 0; i < products.Length; i++)
        {
            var a = ProductName(products[i].Product);
            counts.Count(a);
            for (var j = i + 1; j < products.Length; j++)
            {
                if (Math.Abs(products[i].Day - products[j].Day) <= withinDays) counts.CountPair(a, ProductName(products[j].Product));
            }
        }
    }

    private string ProductName(int productKey) => World.Keys.Name(productKey)["product:".Length..];
}

/// <summary>A line-up ranked for a viewer: the session, whether it was personalised, the line-up's size, the products.</summary>
public sealed record LineupRanking(string Session, bool Personalised, int LineupSize, IReadOnlyList<RankedProduct> Products);
