namespace LiveProfile.Engine.Ranking;

/// <summary>
/// Item-to-item similarity learned from recent history: for each product, the products the same people looked at or
/// clicked within a few days of it, weighted by cosine similarity of the two products' audiences
/// (co-views / √(views a · views b)). Built from every partition's profiles (<see cref="CoViewCounts"/>), kept top-K.
/// </summary>
public sealed class ItemNeighbors
{
    /// <summary>Neighbours kept per product.</summary>
    public const int TopK = 20;

    private readonly Dictionary<string, (string Product, float Weight)[]> _neighbors;
    private readonly Dictionary<string, float> _popularity;

    /// <param name="popularity">Each product's audience relative to the most viewed product's (0-1).</param>
    public ItemNeighbors(Dictionary<string, (string Product, float Weight)[]> neighbors, Dictionary<string, float>? popularity = null)
    {
        _neighbors = neighbors;
        _popularity = popularity ?? [];
    }

    public static ItemNeighbors Empty { get; } = new([]);

    public IReadOnlyDictionary<string, float> AllPopularity => _popularity;

    /// <summary>How many people looked at the product lately, relative to the most viewed one (0 when unknown).</summary>
    public float Popularity(string product) => _popularity.GetValueOrDefault(product);

    public int Products => _neighbors.Count;

    public IReadOnlyDictionary<string, (string Product, float Weight)[]> All => _neighbors;

    /// <summary>The neighbours of <paramref name="product"/>, strongest first.</summary>
    public ReadOnlySpan<(string Product, float Weight)> Of(string product) => _neighbors.TryGetValue(product, out var n) ? n : [];

    /// <summary>Top-K neighbours per product from co-view counts summed over partitions.</summary>
    public static ItemNeighbors From(CoViewCounts counts)
    {
        var byProduct = new Dictionary<string, List<(string, float)>>(StringComparer.Ordinal);
        foreach (var ((a, b), together) in counts.Pairs)
        {
            var weight = (float)(together / Math.Sqrt((double)counts.Views[a] * counts.Views[b]));
            Add(a, b, weight);
            Add(b, a, weight);
        }
        var most = counts.Views.Count == 0 ? 1 : counts.Views.Values.Max();
        return new ItemNeighbors(byProduct.ToDictionary(p => p.Key,
            p => p.Value.OrderByDescending(n => n.Item2).ThenBy(n => n.Item1, StringComparer.Ordinal).Take(TopK).ToArray(), StringComparer.Ordinal),
            counts.Views.ToDictionary(v => v.Key, v => (float)(v.Value / (double)most), StringComparer.Ordinal));

        void Add(string from, string to, float weight)
        {
            if (!byProduct.TryGetValue(from, out var list)) byProduct[from] = list = [];
            list.Add((to, weight));
        }
    }
}

/// <summary>How many profiles viewed each product, and each pair of products within a few days of each other.</summary>
public sealed class CoViewCounts
{
    public Dictionary<string, long> Views { get; } = new(StringComparer.Ordinal);

    /// <summary>Pairs in ordinal order (a &lt; b).</summary>
    public Dictionary<(string A, string B), long> Pairs { get; } = [];

    /// <summary>Adds another partition's counts.</summary>
    public void Add(CoViewCounts other)
    {
        foreach (var (product, n) in other.Views) Views[product] = Views.GetValueOrDefault(product) + n;
        foreach (var (pair, n) in other.Pairs) Pairs[pair] = Pairs.GetValueOrDefault(pair) + n;
    }
}
