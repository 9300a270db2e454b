namespace LiveProfile.Simulation.Catalog;

/// <summary>
/// The simulated catalog: a fixed number of products per top-level category, built
/// deterministically from the seed. Also answers what the ground truth needs: products by
/// category, the category's median price, and a category's premium (above-median) products.
/// </summary>
internal sealed class ProductCatalog
{
    private readonly SimProduct[][] _byCategory;
    private readonly SimProduct[][] _premiumByCategory;
    private readonly SimProduct[][] _cheapByCategory;
    private readonly SimProduct[][] _guochaoByCategory;
    private readonly double[] _medians;

    public ProductCatalog(int productsPerCategory, int seed)
    {
        var random = new Random(unchecked(seed * 31 + 1));
        var categories = CatalogData.Categories;
        var all = new List<SimProduct>(productsPerCategory * categories.Length);
        _byCategory = new SimProduct[categories.Length][];
        _premiumByCategory = new SimProduct[categories.Length][];
        _cheapByCategory = new SimProduct[categories.Length][];
        _guochaoByCategory = new SimProduct[categories.Length][];
        _medians = new double[categories.Length];
        for (var c = 0; c < categories.Length; c++)
        {
            var category = categories[c];
            var list = new SimProduct[productsPerCategory];
            for (var k = 0; k < productsPerCategory; k++)
            {
                var sub = category.Subs[k % category.Subs.Length];
                var item = sub.Items[k / category.Subs.Length % sub.Items.Length];
                // 国潮 brands are a minority of the shelf (about one product in six).
                var brand = category.Brands[random.Next(category.Brands.Length)];
                if (brand.Guochao && random.NextDouble() < 0.55) brand = category.Brands[random.Next(category.Brands.Length)];
                var variant = CatalogData.Variants[random.Next(CatalogData.Variants.Length)];
                var basePrice = Math.Exp(Math.Log(sub.MinPrice) + random.NextDouble() * (Math.Log(sub.MaxPrice) - Math.Log(sub.MinPrice)));
                var labels = new List<string>(3);
                if (brand.Guochao) labels.Add("国潮");
                if (variant.New) labels.Add("新品");
                if (brand.Imported) labels.Add("进口");
                if (random.NextDouble() < 0.05) labels.Add("爆款");
                var product = new SimProduct(all.Count, $"{category.Code}{k + 1:D4}", $"{brand.Name} {item.Name} {variant.Name}", c,
                    sub.Path, sub.Noun, brand.Name, RetailPrice(basePrice * variant.PriceFactor), [.. labels], item.Ingredients);
                list[k] = product;
                all.Add(product);
            }
            _byCategory[c] = list;
            var prices = list.Select(p => p.Price).Order().ToArray();
            var mid = prices.Length / 2;
            _medians[c] = prices.Length % 2 == 1 ? prices[mid] : (prices[mid - 1] + prices[mid]) / 2;
            _premiumByCategory[c] = [.. list.Where(p => p.Price > _medians[c])];
            _cheapByCategory[c] = [.. list.Where(p => p.Price <= _medians[c])];
            _guochaoByCategory[c] = [.. list.Where(p => p.IsGuochao)];
        }
        Products = [.. all];
    }

    public IReadOnlyList<SimProduct> Products { get; }

    public static int CategoryCount => CatalogData.Categories.Length;

    public IReadOnlyList<SimProduct> InCategory(int category) => _byCategory[category];

    public IReadOnlyList<SimProduct> PremiumIn(int category) => _premiumByCategory[category];

    public IReadOnlyList<SimProduct> CheapIn(int category) => _cheapByCategory[category];

    public IReadOnlyList<SimProduct> GuochaoIn(int category) => _guochaoByCategory[category];

    public double MedianPrice(int category) => _medians[category];

    /// <summary>Prices the way shops set them: 39, 199, 2,999, 12.9.</summary>
    private static double RetailPrice(double raw)
    {
        if (raw < 20) return Math.Floor(raw) + 0.9;
        if (raw < 1000) return Math.Floor(raw / 10) * 10 + 9;
        return Math.Floor(raw / 100) * 100 + 99;
    }
}
