using LiveProfile.Engine.Features;

namespace LiveProfile.Engine.Tags.Evaluation;

/// <summary>
/// Spend distribution of a partition's users with orders, per window, for <c>spend_percentile</c>.
/// Profiles are spread over partitions by a hash, so each partition holds a uniform sample of
/// the population and its ranks estimate the global ones (exact for one partition). A distribution
/// is rebuilt when the day changes or when enough new orders arrived since (see <see cref="Rank"/>), never per event.
/// </summary>
/// <param name="population">The partition's profiles (null where an ordinal is free); those with orders are the buyers.</param>
internal sealed class SpendRanks(IReadOnlyList<Profile?> population)
{
    private readonly Dictionary<int, Distribution> _byWindow = [];
    private int _ordersSinceBuild;

    /// <summary>A profile ordered (or arrived with orders: restore, merge): distributions drift until the next rebuild.</summary>
    // Counted, not collected: a set of buyers cost a hash lookup per order, and a rebuild is rare enough to scan everyone.
    public void NoteOrder() => _ordersSinceBuild++;

    /// <summary>Share (0–1) of users with orders in the window whose spend is below <paramref name="spend"/>; NaN without orders.</summary>
    public double Rank(double spend, int today, int days)
    {
        if (spend <= 0) return double.NaN;
        // Rebuilt when the day turns, or when orders since the last build reach 5% of a small population
        // or 100% of a large one (geometric: amortised O(1) per order); ranks are refreshed daily anyway.
        if (!_byWindow.TryGetValue(days, out var d) || d.Day != today
            || _ordersSinceBuild > (d.Values.Length < 1_000 ? d.Values.Length / 20 : d.Values.Length))
        {
            _byWindow[days] = d = Build(today, days);
        }
        if (d.Values.Length == 0) return double.NaN;
        // Values strictly below: the lower bound of spend.
        int lo = 0, hi = d.Values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (d.Values[mid] < spend) lo = mid + 1;
            else hi = mid;
        }
        return lo / (double)d.Values.Length;
    }

    private Distribution Build(int today, int days)
    {
        _ordersSinceBuild = 0;
        _byWindow.Clear(); // every window is rebuilt on demand after this
        var values = new List<double>();
        foreach (var p in population)
        {
            if (p is not { Orders: > 0 }) continue;
            var cents = p.Sum(FeatureKeys.SpendCents, today, days);
            if (cents > 0) values.Add(cents / 100.0);
        }
        var array = values.ToArray();
        Array.Sort(array);
        return new Distribution(today, array);
    }

    private sealed record Distribution(int Day, double[] Values);
}
