namespace LiveProfile.Engine.Features;

/// <summary>CNY price bands used as affinity keys (<c>price:100-300</c>): wide enough to be shared, narrow enough to separate budgets.</summary>
public static class PriceBands
{
    private static readonly (double Upper, string Name)[] Bands =
    [
        (50, "price:0-50"), (100, "price:50-100"), (300, "price:100-300"), (1000, "price:300-1000"),
        (3000, "price:1000-3000"), (double.PositiveInfinity, "price:3000+"),
    ];

    public static string BandOf(double price)
    {
        foreach (var (upper, name) in Bands)
        {
            if (price < upper) return name;
        }
        return Bands[^1].Name;
    }
}
