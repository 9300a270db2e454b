namespace LiveProfile.Engine.Features;

/// <summary>
/// When a profile will likely buy a category again, from its own repurchase cycle: the days it ordered the category
/// (the day windows keep 181 days), the median gap between them, and the last order plus that gap. A category needs
/// two order days to have a cycle.
/// </summary>
public static class RepurchaseCycles
{
    /// <summary>Each top-level category the profile ordered on two days or more, soonest expected first.</summary>
    public static List<RepurchaseCycle> Of(Profile profile, int today)
    {
        var days = new Dictionary<int, List<int>>();
        foreach (var entry in profile.From(today - Profile.RetainedDays + 1))
        {
            if (entry.Day > today) break;
            if (!FeatureKeys.TrySplitCategory(entry.Key, out var range, out var category) || range != FeatureKeys.OrderCategoryBase) continue;
            if (!days.TryGetValue(category, out var list)) days[category] = list = [];
            list.Add(entry.Day); // windows are sorted by day: each list comes out in order
        }
        var cycles = new List<RepurchaseCycle>();
        foreach (var (category, orderDays) in days)
        {
            if (orderDays.Count < 2) continue;
            var gaps = new int[orderDays.Count - 1];
            for (var i = 1; i < orderDays.Count; i++) gaps[i - 1] = orderDays[i] - orderDays[i - 1];
            Array.Sort(gaps);
            var median = gaps.Length % 2 == 1 ? gaps[gaps.Length / 2] : (gaps[gaps.Length / 2 - 1] + gaps[gaps.Length / 2]) / 2.0;
            var last = orderDays[^1];
            cycles.Add(new RepurchaseCycle(category, orderDays.Count, last, median, last + (int)Math.Round(median)));
        }
        cycles.Sort((a, b) => a.ExpectedDay.CompareTo(b.ExpectedDay));
        return cycles;
    }
}

/// <summary>A category's repurchase cycle: order days seen, the last, the median gap, the day the next order is expected.</summary>
public sealed record RepurchaseCycle(int Category, int OrderDays, int LastDay, double MedianGapDays, int ExpectedDay);
