using LiveProfile.Engine.Contract;

namespace LiveProfile.Benchmarks;

/// <summary>
/// Pseudonymised events as the engine receives them: a 2,000-product catalog over the eight
/// top-level categories, then user events for Zipf-distributed users (live clicks, likes,
/// comments, views, carts, orders, joins/heartbeats).
/// </summary>
internal static class SyntheticEvents
{
    private static readonly string[] Categories = ["beauty", "appliance", "digital", "food", "fashion", "mother_baby", "home", "sports"];

    public static List<EventRecord> Catalog(int products = 2000)
    {
        var random = new Random(7);
        var list = new List<EventRecord>(products);
        for (var i = 0; i < products; i++)
        {
            var top = Categories[i % Categories.Length];
            var e = new EventRecord { Tenant = "t", Id = $"p{i}", Type = EventType.CatalogProduct, TsMs = Start, Product = $"sku{i}" };
            e.Props.Title = $"商品{i}";
            e.Props.Category = $"{top}/sub{i % 5}/leaf{i % 13}";
            e.Props.Brand = $"brand{i % 97}";
            e.Props.Price = Math.Round(10 + random.NextDouble() * random.NextDouble() * 5000, 2);
            e.Props.Labels = i % 7 == 0 ? ["国潮"] : i % 11 == 0 ? ["新品"] : [];
            list.Add(e);
        }
        return list;
    }

    public static readonly long Start = DateTimeOffset.Parse("2026-11-01T00:00:00+08:00").ToUnixTimeMilliseconds();

    /// <summary><paramref name="count"/> user events over 30 days for up to <paramref name="users"/> users.</summary>
    public static List<EventRecord> Users(int count, int users, int seed = 1, int products = 2000) =>
        [.. Stream(count, users, seed, products)];

    /// <summary><paramref name="count"/> user events spread evenly over [<paramref name="fromMs"/>, <paramref name="fromMs"/> + <paramref name="spanMs"/>).</summary>
    public static List<EventRecord> Users(int count, int users, long fromMs, long spanMs, int seed = 1) =>
        [.. Stream(count, users, seed, fromMs: fromMs, spanMs: spanMs)];

    /// <summary>The same, generated lazily so that a long run does not hold every event at once.</summary>
    public static IEnumerable<EventRecord> Stream(int count, int users, int seed = 1, int products = 2000, Func<int, ulong?>? userOf = null,
        long? fromMs = null, long spanMs = 30L * 86_400_000)
    {
        var random = new Random(seed);
        var zipf = new Zipf(users, 0.9);
        var productZipf = new Zipf(products, 1.1);
        var start = fromMs ?? Start;
        var span = spanMs;
        for (var i = 0; i < count; i++)
        {
            var user = userOf?.Invoke(i) ?? (ulong)zipf.Next(random) + 1;
            var type = (random.Next(20)) switch
            {
                < 5 => EventType.LiveProductClick,
                < 8 => EventType.LiveLike,
                < 10 => EventType.LiveComment,
                < 13 => EventType.ShopView,
                < 15 => EventType.LiveHeartbeat,
                < 16 => EventType.LiveJoin,
                < 18 => EventType.ShopCartAdd,
                _ => EventType.ShopOrder,
            };
            var product = $"sku{productZipf.Next(random)}";
            var e = new EventRecord
            {
                Tenant = "t", Id = $"e{i}", Type = type, TsMs = start + span * i / count, ReceivedMs = start + span * i / count,
                Ids = [new Pseudonym(IdentifierKind.Viewer, user * 0x9E3779B97F4A7C15UL)],
                Room = type.IsLive() ? $"room{user % 50}" : null,
                Product = type is EventType.LiveProductClick or EventType.ShopView or EventType.ShopCartAdd ? product : null,
            };
            switch (type)
            {
                case EventType.LiveLike:
                    e.Props.Count = 1 + random.Next(5);
                    break;
                case EventType.LiveComment:
                    e.Props.Text = "这个多少钱";
                    e.Props.Intent = CommentIntent.AskPrice; // as the ingest path classifies it
                    break;
                case EventType.ShopOrder:
                    e.Props.OrderId = $"o{i}";
                    e.Props.Total = 99;
                    e.Props.Items = [new OrderItem(product, 1, 99, 0)];
                    break;
            }
            yield return e;
        }
    }
}
