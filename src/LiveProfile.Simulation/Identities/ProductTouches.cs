namespace LiveProfile.Simulation.Identities;

/// <summary>
/// Product touches of one person on both platforms: live clicks as a viewer and, for some of them, a view of the same
/// product in the shop soon after (the click led there), plus other shop views at other times. Products are drawn with
/// a steep popularity curve, so strangers do touch the same popular products, rarely within the same hour.
/// </summary>
internal static class ProductTouches
{
    /// <summary>Minutes the touches spread over: 30 days.</summary>
    private const int SpanMinutes = 30 * 1440;

    /// <param name="product">Draws a product (the person's tastes).</param>
    /// <param name="clicking">The share of viewers who clicked anything.</param>
    /// <param name="followed">The share of live clicks followed by a shop view of the product within 45 minutes.</param>
    public static ((string, long)[]? Viewer, (string, long)[]? Account) Draw(Random random, Func<Random, string> product, double clicking,
        double followed)
    {
        const long start = 29_000_000; // minutes since the epoch: late 2025
        var viewer = new List<(string, long)>();
        var account = new List<(string, long)>();
        if (random.NextDouble() < clicking)
        {
            for (var i = random.Next(1, 5); i > 0; i--)
            {
                var click = (product(random), start + random.Next(SpanMinutes));
                viewer.Add(click);
                if (random.NextDouble() < followed) account.Add((click.Item1, click.Item2 + random.Next(1, 45)));
            }
        }
        for (var i = random.Next(0, 3); i > 0; i--) account.Add((product(random), start + random.Next(SpanMinutes)));
        return (viewer.Count > 0 ? [.. viewer] : null, account.Count > 0 ? [.. account] : null);
    }
}
