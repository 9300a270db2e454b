using System.Globalization;

namespace LiveProfile.Cli.Loadgen;

/// <summary>The synthetic products a load run clicks, views and buys; the same for every stream of a run.</summary>
internal sealed class LoadCatalog
{
    private static readonly (string Path, string Noun, double Low, double High)[] Kinds =
    [
        ("beauty/skincare/serum", "精华液", 99, 599), ("beauty/makeup/lipstick", "口红", 79, 329),
        ("appliance/cleaning/robot_vacuum", "扫地机器人", 1499, 4999), ("appliance/kitchen/air_fryer", "空气炸锅", 199, 699),
        ("digital/audio/earbuds", "降噪耳机", 149, 1999), ("digital/phone/smartphone", "5G手机", 1999, 7999),
        ("food/snack/nuts", "每日坚果", 29, 129), ("food/instant/noodle", "螺蛳粉", 9.9, 59),
        ("fashion/women/coat", "羊毛大衣", 399, 1599), ("mother_baby/care/diaper", "纸尿裤", 89, 199),
        ("home/bedding/duvet", "蚕丝被", 299, 1299), ("sports/running/shoes", "跑鞋", 299, 1099),
    ];
    private static readonly string[] Brands = ["星耀", "兰芷堂", "格澜", "山野集", "素衣阁", "跃动", "棉里", "贝护"];

    public LoadCatalog(int products, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(products, 1);
        var rng = new Random(seed);
        Ids = new string[products];
        Titles = new string[products];
        Categories = new string[products];
        BrandOf = new string[products];
        Prices = new double[products];
        for (var i = 0; i < products; i++)
        {
            var kind = Kinds[rng.Next(Kinds.Length)];
            var brand = Brands[rng.Next(Brands.Length)];
            Ids[i] = "lg-p" + (i + 1).ToString("D5", CultureInfo.InvariantCulture);
            Titles[i] = $"{brand} {kind.Noun} {i + 1}";
            Categories[i] = kind.Path;
            BrandOf[i] = brand;
            Prices[i] = Math.Round(kind.Low + rng.NextDouble() * (kind.High - kind.Low), 1);
        }
    }

    public int Count => Ids.Length;
    public string[] Ids { get; }
    public string[] Titles { get; }
    public string[] Categories { get; }
    public string[] BrandOf { get; }
    public double[] Prices { get; }
}
