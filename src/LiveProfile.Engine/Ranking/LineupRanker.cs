using LiveProfile.Engine.Features;

namespace LiveProfile.Engine.Ranking;

/// <summary>
/// Ranks a live session's line-up for one viewer. Personalised, a product scores by how its category levels, brand,
/// price band and labels match the viewer's decayed affinities, by how close it is to what the viewer looked at lately
/// (<see cref="ItemNeighbors"/>), by an ingredient-focused viewer's interest in products that list their ingredients,
/// and by the room's momentum (clicks in the session so far); each product comes with its reasons. Not personalised
/// (no consent, or no viewer), only momentum and the line-up's own order count: the answer does not depend on the profile.
/// </summary>
public static class LineupRanker
{
    public const double AffinityWeight = 0.35, NeighborWeight = 0.2, IngredientWeight = 0.05, MomentumWeight = 0.15, PopularityWeight = 0.25;

    /// <summary>The product the streamer presents now: in a live room most clicks go to the product on screen.</summary>
    public const double OnScreenWeight = 0.5;

    /// <param name="viewer">The viewer's profile and tags, or null for the non-personalised ranking.</param>
    /// <param name="clicks">Clicks of each line-up product in the room's session so far (the same length as <paramref name="lineup"/>).</param>
    /// <param name="keyName">The name of an interned affinity key (for reasons).</param>
    /// <param name="onScreen">The product on screen at the time of the ranking, if any.</param>
    public static List<RankedProduct> Rank(ViewerContext? viewer, IReadOnlyList<ProductInfo> lineup, IReadOnlyList<string> lineupIds,
        ReadOnlySpan<long> clicks, string? onScreen, ItemNeighbors neighbors, Func<int, string> keyName, int limit)
    {
        var n = lineup.Count;
        var maxClicks = 0L;
        foreach (var c in clicks) maxClicks = Math.Max(maxClicks, c);
        Span<double> affinity = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> near = n <= 256 ? stackalloc double[n] : new double[n];
        var strongestKey = new int[n];
        var closestSeen = new string?[n];
        if (viewer is not null)
        {
            var recent = Recent(viewer);
            for (var i = 0; i < n; i++)
            {
                (affinity[i], strongestKey[i]) = Affinity(viewer.Profile, lineup[i]);
                (near[i], closestSeen[i]) = Nearness(recent, lineupIds[i], neighbors);
            }
        }
        var ranked = new List<RankedProduct>(n);
        for (var i = 0; i < n; i++)
        {
            var momentum = maxClicks == 0 ? 0 : clicks[i] / (double)maxClicks;
            var popularity = (double)neighbors.Popularity(lineupIds[i]);
            var shown = lineupIds[i] == onScreen ? OnScreenWeight : 0;
            var reasons = new List<RankReason>(4);
            double score;
            if (viewer is { } v)
            {
                var ingredients = v.IngredientFocused && lineup[i].Ingredients.Length > 0 ? 1.0 : 0;
                score = AffinityWeight * affinity[i] + NeighborWeight * near[i] + IngredientWeight * ingredients + MomentumWeight * momentum
                    + PopularityWeight * popularity + shown;
                if (affinity[i] > 0) reasons.Add(new RankReason("affinity", keyName(strongestKey[i]), AffinityWeight * affinity[i]));
                if (near[i] > 0) reasons.Add(new RankReason("similar_to_viewed", closestSeen[i]!, NeighborWeight * near[i]));
                if (ingredients > 0) reasons.Add(new RankReason("ingredients", string.Join('、', lineup[i].Ingredients.Take(3)), IngredientWeight));
            }
            else
            {
                // Momentum, popularity, then the streamer's own order: nothing about the viewer.
                score = shown + MomentumWeight * momentum + PopularityWeight * popularity + (n - i) * 1e-9;
            }
            if (shown > 0) reasons.Add(new RankReason("on_screen", "the streamer presents it now", shown));
            if (momentum > 0) reasons.Add(new RankReason("room_momentum", $"{clicks[i]} clicks this session", MomentumWeight * momentum));
            if (popularity > 0) reasons.Add(new RankReason("popular", $"{popularity:P0} of the most viewed product's audience", PopularityWeight * popularity));
            reasons.Sort((a, b) => b.Contribution.CompareTo(a.Contribution));
            ranked.Add(new RankedProduct(lineupIds[i], lineup[i].Title, score, reasons));
        }
        ranked.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Product, b.Product));
        return ranked.Count > limit ? ranked.GetRange(0, limit) : ranked;
    }

    /// <summary>
    /// The share of the viewer's interactions that went to each of the product's keys (category levels, brand, price
    /// band, labels), averaged over the keys; and the key with the largest share.
    /// </summary>
    private static (double Score, int Key) Affinity(Profile profile, ProductInfo product)
    {
        if (profile.InteractionScore <= 0 || product.AffinityKeys.Length == 0) return (0, -1);
        var affinities = profile.Affinities;
        double sum = 0, best = 0;
        var bestKey = -1;
        foreach (var key in product.AffinityKeys)
        {
            var share = 0.0;
            foreach (var entry in affinities)
            {
                if (entry.Key != key) continue;
                share = entry.Value / profile.InteractionScore;
                break;
            }
            sum += share;
            if (share > best) (best, bestKey) = (share, key);
        }
        return (Math.Min(1, sum / product.AffinityKeys.Length), bestKey);
    }

    /// <summary>The strongest similarity of the product to one the viewer looked at lately (not the product itself).</summary>
    private static (double Score, string? Seen) Nearness(HashSet<string> recent, string product, ItemNeighbors neighbors)
    {
        if (recent.Count == 0) return (0, null);
        double best = 0;
        string? seen = null;
        foreach (var (neighbor, weight) in neighbors.Of(product))
        {
            if (weight > best && recent.Contains(neighbor)) (best, seen) = (weight, neighbor);
        }
        return (best, seen);
    }

    private static HashSet<string> Recent(ViewerContext viewer)
    {
        var recent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in viewer.Profile.ViewedProducts)
        {
            if (viewer.Today - v.Day < RecentDays) recent.Add(viewer.ProductName(v.Product));
        }
        return recent;
    }

    /// <summary>How far back a viewed product counts as what the viewer looked at lately.</summary>
    public const int RecentDays = 30;
}

/// <summary>The viewer a ranking is for: its profile, today, whether it is ingredient-focused, and product names by key.</summary>
public sealed record ViewerContext(Profile Profile, int Today, bool IngredientFocused, Func<int, string> ProductName);

/// <summary>One ranked product of the line-up, its score and why.</summary>
public sealed record RankedProduct(string Product, string Title, double Score, IReadOnlyList<RankReason> Reasons);

/// <param name="Kind"><c>affinity</c>, <c>similar_to_viewed</c>, <c>ingredients</c> or <c>room_momentum</c>.</param>
/// <param name="Detail">The affinity key, the product viewed, the ingredients, or the clicks.</param>
/// <param name="Contribution">The part of the score it gave.</param>
public sealed record RankReason(string Kind, string Detail, double Contribution);
