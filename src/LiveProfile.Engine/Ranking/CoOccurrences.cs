namespace LiveProfile.Engine.Ranking;

/// <summary>What the item-to-item model learns from: products viewed together and products bought together.</summary>
public sealed class CoOccurrences
{
    /// <summary>Products viewed or clicked by the same profile within a few days of each other.</summary>
    public PairCounts Views { get; } = new();

    /// <summary>Products bought by the same profile within the model's window.</summary>
    public PairCounts Purchases { get; } = new();

    /// <summary>Adds another partition's counts.</summary>
    public void Add(CoOccurrences other)
    {
        Views.Add(other.Views);
        Purchases.Add(other.Purchases);
    }
}

/// <summary>How many profiles had each product, and each pair of products, for one signal.</summary>
public sealed class PairCounts
{
    /// <summary>Profiles per product (the product's audience).</summary>
    public Dictionary<string, long> Products { get; } = new(StringComparer.Ordinal);

    /// <summary>Profiles per pair, in ordinal order (A &lt; B).</summary>
    public Dictionary<(string A, string B), long> Pairs { get; } = [];

    public void Count(string product, long n = 1) => Products[product] = Products.GetValueOrDefault(product) + n;

    /// <summary>Counts a pair of two different products, in either order.</summary>
    public void CountPair(string a, string b, long n = 1)
    {
        var pair = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        Pairs[pair] = Pairs.GetValueOrDefault(pair) + n;
    }

    public void Add(PairCounts other)
    {
        foreach (var (product, n) in other.Products) Count(product, n);
        foreach (var (pair, n) in other.Pairs) Pairs[pair] = Pairs.GetValueOrDefault(pair) + n;
    }
}
