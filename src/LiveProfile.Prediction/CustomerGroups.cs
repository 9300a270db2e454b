namespace LiveProfile.Prediction;

/// <summary>
/// Collapses customers with identical (x, t_x, T) into one weighted entry: in cohort data most one-time buyers
/// share a handful of ages, so a likelihood evaluation during a fit touches far fewer distinct customers.
/// </summary>
internal static class CustomerGroups
{
    /// <summary>Distinct histories with their multiplicities; throws when there is no customer.</summary>
    public static IReadOnlyList<(RepeatPurchaseSummary Customer, int Count)> Of(IEnumerable<RepeatPurchaseSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var groups = customers
            .GroupBy(c => (c.Frequency, c.Recency, c.Age))
            .Select(g => (new RepeatPurchaseSummary(g.Key.Frequency, g.Key.Recency, g.Key.Age), g.Count()))
            .ToList();
        return groups.Count > 0 ? groups : throw new ArgumentException("Cannot fit a model to no customers.", nameof(customers));
    }

    /// <summary>Weighted sum of a per-customer log-likelihood.</summary>
    public static double Sum(this IReadOnlyList<(RepeatPurchaseSummary Customer, int Count)> groups, Func<RepeatPurchaseSummary, double> logLikelihood)
    {
        var total = 0.0;
        foreach (var (customer, count) in groups)
        {
            total += count * logLikelihood(customer);
        }
        return total;
    }
}
