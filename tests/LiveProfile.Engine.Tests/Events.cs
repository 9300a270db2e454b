using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Tests;

/// <summary>Builds already-pseudonymised events, as the engine receives them after the privacy door.</summary>
internal static class Events
{
    public static readonly long T0 = DateTimeOffset.Parse("2026-11-01T12:00:00+08:00").ToUnixTimeMilliseconds();
    private static int _next;

    public static Pseudonym Account(ulong n) => new(IdentifierKind.Account, 0x1000_0000_0000 + n);
    public static Pseudonym Viewer(ulong n) => new(IdentifierKind.Viewer, 0x2000_0000_0000 + n);

    public static EventRecord User(EventType type, long ts, Pseudonym[] ids, string? product = null, string? room = null,
        Action<EventProps>? props = null)
    {
        var e = new EventRecord
        {
            Tenant = "t", Id = $"e{Interlocked.Increment(ref _next)}", Type = type, TsMs = ts, ReceivedMs = ts,
            Product = product, Room = room ?? (type.IsLive() ? "room1" : null), Ids = [.. ids],
        };
        props?.Invoke(e.Props);
        return e;
    }

    public static EventRecord Product(string id, string category, double price, string? brand = null, params string[] labels)
    {
        var e = new EventRecord { Tenant = "t", Id = $"p-{id}", Type = EventType.CatalogProduct, TsMs = T0 - 86_400_000, Product = id };
        e.Props.Title = id;
        e.Props.Category = category;
        e.Props.Price = price;
        e.Props.Brand = brand;
        e.Props.Labels = [.. labels];
        return e;
    }

    public static EventRecord OnScreen(string room, string product, long ts)
    {
        var e = new EventRecord { Tenant = "t", Id = $"s{Interlocked.Increment(ref _next)}", Type = EventType.LiveProductOnScreen, TsMs = ts, Room = room, Product = product };
        return e;
    }

    public static EventRecord Order(long ts, Pseudonym[] ids, double total, string? coupon = null, params (string Product, double Price, double Discount)[] items) =>
        User(EventType.ShopOrder, ts, ids, props: p =>
        {
            p.OrderId = $"o{Interlocked.Increment(ref _next)}";
            p.Total = total;
            p.CouponId = coupon;
            p.Items = [.. items.Select(i => new OrderItem(i.Product, 1, i.Price, i.Discount))];
        });

    public static List<(long, EventRecord)> Numbered(IEnumerable<EventRecord> events, long first = 1) =>
        [.. events.Select((e, i) => (first + i, e))];
}
