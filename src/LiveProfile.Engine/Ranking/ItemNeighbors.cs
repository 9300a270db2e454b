namespace LiveProfile.Engine.Ranking;

/// <summary>
/// Item-to-item similarity learned from recent history: for each product, the products the same people looked at or
/// clicked within a few days of it, and the products the same people bought, each weighted by the cosine similarity of
/// the two products' audiences (together / √(audience a · audience b)); a pair's weight is the sum of both, at most 1.
/// Built from every partition's profiles (<see cref="CoOccurrences"/>), kept top-K.
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

    /// <summary>Top-K neighbours per product from co-view and co-purchase counts summed over partitions.</summary>
    public static ItemNeighbors From(CoOccurrences counts)
    {
        var weights = new Dictionary<(string A, string B), double>();
        AddCosines(counts.Views);
        AddCosines(counts.Purchases);
        var byProduct = new Dictionary<string, List<(string, float)>>(StringComparer.Ordinal);
        foreach (var ((a, b), weight) in weights)
        {
            Add(a, b, (float)Math.Min(1, weight));
            Add(b, a, (float)Math.Min(1, weight));
        }
        var views = counts.Views.Products;
        var most = views.Count == 0 ? 1 : views.Values.Max();
        return new ItemNeighbors(byProduct.ToDictionary(p => p.Key,
            p => p.Value.OrderByDescending(n => n.Item2).ThenBy(n => n.Item1, StringComparer.Ordinal).Take(TopK).ToArray(), StringComparer.Ordinal),
            views.ToDictionary(v => v.Key, v => (float)(v.Value / (double)most), StringComparer.Ordinal));

        void AddCosines(PairCounts signal)
        {
            foreach (var (pair, together) in signal.Pairs)
            {
                weights[pair] = weights.GetValueOrDefault(pair) + together / Math.Sqrt((double)signal.Products[pair.A] * signal.Products[pair.B]);
            }
        }

        void Add(string from, string to, float weight)
        {
            if (!byProduct.TryGetValue(from, out var list)) byProduct[from] = list = [];
            list.Add((to, weight));
        }
    }
}
