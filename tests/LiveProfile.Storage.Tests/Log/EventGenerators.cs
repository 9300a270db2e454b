using CsCheck;
using LiveProfile.Engine.Contract;

namespace LiveProfile.Storage.Tests.Log;

/// <summary>CsCheck generators of valid <see cref="EventRecord"/>s (after the privacy door: no Raw).</summary>
internal static class EventGenerators
{
    private const string Ascii = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_-.:/ ";

    /// <summary>Strings with ASCII, CJK, accents and astral characters (surrogate pairs), sometimes long.</summary>
    public static readonly Gen<string> Str = Gen.Frequency(
        (6, Gen.Select(
            Gen.Char[Ascii].Array[0, 12],
            Gen.OneOf(Gen.Const(""), Gen.Const("国潮"), Gen.Const("新品美妆"), Gen.Const("é"), Gen.Const("😀🎁"), Gen.Const("\u0000")),
            Gen.Char[Ascii].Array[0, 8],
            (a, b, c) => new string(a) + b + new string(c))),
        (1, Gen.Char["ab国é"].Array[100, 5000].Select(a => new string(a))));

    public static readonly Gen<long> Long = Gen.Frequency(
        (3, Gen.Long),
        (2, Gen.Long[-1000, 1000]),
        (2, Gen.Long[1_600_000_000_000, 1_900_000_000_000]),
        (1, Gen.OneOf(Gen.Const(long.MinValue), Gen.Const(long.MaxValue), Gen.Const(0L))));

    public static readonly Gen<double> Double = Gen.Frequency(
        (4, Gen.Double),
        (2, Gen.Double[0, 10_000]),
        (1, Gen.OneOf(Gen.Const(double.NaN), Gen.Const(-0.0), Gen.Const(double.PositiveInfinity),
            Gen.Const(double.NegativeInfinity), Gen.Const(double.Epsilon), Gen.Const(BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF)))));

    public static readonly Gen<ulong> Hash = Gen.Frequency((5, Gen.ULong), (1, Gen.OneOf(Gen.Const(0UL), Gen.Const(ulong.MaxValue))));

    public static readonly Gen<Pseudonym> Pseudonym = Gen.Select(Gen.Enum<IdentifierKind>(), Hash, (k, h) => new Pseudonym(k, h));

    public static readonly Gen<OrderItem> Item = Gen.Select(Str, Gen.Int, Double, Double, (p, q, u, d) => new OrderItem(p, q, u, d));

    public static readonly Gen<ConsentPurposes> Purposes = Gen.Select(
        Gen.Nullable(Gen.Bool, 0.3), Gen.Nullable(Gen.Bool, 0.3), Gen.Nullable(Gen.Bool, 0.3),
        (a, p, m) => new ConsentPurposes(a, p, m));

    public static readonly Gen<List<string>> StrList = Str.List[0, 6];

    /// <summary>The props each type has (spec/events.md): required ones always set, optional ones sometimes null.</summary>
    public static Gen<EventProps> PropsFor(EventType type) => type switch
    {
        EventType.LiveJoin => Opt(Str).Select(s => new EventProps { Source = s }),
        EventType.LiveLeave or EventType.LiveHeartbeat or EventType.LiveFollow or EventType.LiveProductClick =>
            Gen.Const(() => new EventProps()),
        EventType.LiveComment => Str.Select(s => new EventProps { Text = s }),
        EventType.LiveLike => OptL(Long).Select(c => new EventProps { Count = c }),
        EventType.LiveGift => Gen.Select(Str, Double, (g, v) => new EventProps { GiftId = g, Value = v }),
        EventType.LiveShare => Opt(Str).Select(c => new EventProps { Channel = c }),
        EventType.LiveCouponClaim => Gen.Select(Str, OptD(Double), (c, v) => new EventProps { CouponId = c, Value = v }),
        EventType.LiveProductOnScreen => OptL(Long).Select(u => new EventProps { UntilMs = u }),
        EventType.ShopView => OptL(Long).Select(d => new EventProps { DurationMs = d }),
        EventType.ShopSearch => Str.Select(q => new EventProps { Query = q }),
        EventType.ShopCartAdd => OptL(Long).Select(q => new EventProps { Qty = q }),
        EventType.ShopOrder => Gen.Select(Str, Item.List[0, 5], Double, Opt(Str), Opt(Str),
            (o, items, total, coupon, room) => new EventProps { OrderId = o, Items = items, Total = total, CouponId = coupon, OrderRoom = room }),
        EventType.ShopRefund => Gen.Select(Str, OptD(Double), (o, a) => new EventProps { OrderId = o, Amount = a }),
        EventType.ShopReview => Gen.Select(Long, Opt(Str), (r, t) => new EventProps { Rating = r, Text = t }),
        EventType.UserProfile => Gen.Select(Opt(Str), OptL(Long), Opt(Str), Opt(Str), OptL(Long),
            (g, b, p, c, r) => new EventProps { Gender = g, BirthYear = b, Province = p, City = c, RegisteredAtMs = r }),
        EventType.UserConsent => Purposes.Select(p => new EventProps { Purposes = p }),
        EventType.IdentityLink => Gen.Select(Pseudonym.List[0, 6], OptD(Double), (l, c) => new EventProps { LinkedIds = l, Confidence = c }),
        EventType.CatalogProduct => Gen.Select(Str, Str, Opt(Str), Double, Opt(StrList), Opt(StrList),
            (t, c, b, p, l, i) => new EventProps { Title = t, Category = c, Brand = b, Price = p, Labels = l, Ingredients = i }),
        EventType.CatalogSession => Gen.Select(Str, Long, Opt(Str), Opt(StrList), Opt(Str),
            (r, s, st, p, t) => new EventProps { SessionRoom = r, StartsAtMs = s, Streamer = st, Products = p, Title = t }),
        EventType.ExternalTrend => Gen.Select(Str, Opt(Str), Double, (k, c, s) => new EventProps { Keyword = k, Category = c, Score = s }),
        EventType.ExternalInventory => Long.Select(s => new EventProps { Stock = s }),
        EventType.MarketingInvite => Opt(Str).Select(c => new EventProps { Channel = c }),
        EventType.IdentityUnmerge => Pseudonym.List[1, 6].Select(l => new EventProps { LinkedIds = l }),
        EventType.IdentityMatch or EventType.IdentityReject => Gen.Select(Pseudonym.List[1, 1], Double, Str,
            (l, c, t) => new EventProps { LinkedIds = l, Confidence = c, Text = t }),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Every prop independently null or set, regardless of type: the codec is type-agnostic.</summary>
    public static readonly Gen<EventProps> AnyProps = Gen.Select(
        Gen.Select(Opt(Str), Opt(Str), Opt(Str), Opt(Str), Opt(Str), Opt(Str), Opt(Str), Opt(Str), Opt(Str),
            (a, b, c, d, e, f, g, h, i) => (a, b, c, d, e, f, g, h, i)),
        Gen.Select(Opt(Str), Opt(Str), Opt(Str), Opt(Str), Opt(Str), Opt(Str), Opt(Str), Opt(Str),
            (a, b, c, d, e, f, g, h) => (a, b, c, d, e, f, g, h)),
        Gen.Select(OptL(Long), OptL(Long), OptL(Long), OptL(Long), OptL(Long), OptL(Long), OptL(Long), OptL(Long), OptL(Long),
            (a, b, c, d, e, f, g, h, i) => (a, b, c, d, e, f, g, h, i)),
        Gen.Select(OptD(Double), OptD(Double), OptD(Double), OptD(Double), OptD(Double), OptD(Double),
            (a, b, c, d, e, f) => (a, b, c, d, e, f)),
        Gen.Select(Opt(Item.List[0, 4]), Opt(StrList), Opt(StrList), Opt(StrList), Opt(Pseudonym.List[0, 4]), Gen.Nullable(Purposes, 0.5),
            (a, b, c, d, e, f) => (a, b, c, d, e, f)),
        (s1, s2, n, d, x) => new EventProps
        {
            Source = s1.a, Text = s1.b, GiftId = s1.c, Channel = s1.d, CouponId = s1.e, Query = s1.f, OrderId = s1.g, OrderRoom = s1.h, Gender = s1.i,
            Province = s2.a, City = s2.b, Title = s2.c, Category = s2.d, Brand = s2.e, Streamer = s2.f, SessionRoom = s2.g, Keyword = s2.h,
            Count = n.a, Qty = n.b, DurationMs = n.c, Rating = n.d, BirthYear = n.e, Stock = n.f, UntilMs = n.g, StartsAtMs = n.h, RegisteredAtMs = n.i,
            Value = d.a, Total = d.b, Amount = d.c, Price = d.d, Score = d.e, Confidence = d.f,
            Items = x.a, Labels = x.b, Ingredients = x.c, Products = x.d, LinkedIds = x.e, Purposes = x.f,
        });

    private static readonly Gen<(string Tenant, string Id, long Ts, long Received, long Skew)> Head =
        Gen.Select(Str, Str, Long, Long, Long, (t, i, ts, r, s) => (t, i, ts, r, s));

    private static readonly Gen<(string? Room, string? Session, string? Product, List<Pseudonym> Ids, byte[]? Sealed, ulong SealKey)> Tail =
        Gen.Select(Opt(Str), Opt(Str), Opt(Str), Pseudonym.List[0, 5], Opt(Gen.Byte.Array[0, 120]), Gen.Frequency((1, Gen.Const(0UL)), (3, Hash)),
            (r, s, p, ids, sealedBlob, key) => (r, s, p, ids, sealedBlob, key));

    /// <summary>Events whose props match their type.</summary>
    public static readonly Gen<EventRecord> Event =
        from type in Gen.Enum<EventType>()
        from props in PropsFor(type)
        from head in Head
        from tail in Tail
        select Build(type, props, head, tail);

    /// <summary>Events with any props at all.</summary>
    public static readonly Gen<EventRecord> EventWithAnyProps =
        from type in Gen.Enum<EventType>()
        from props in AnyProps
        from head in Head
        from tail in Tail
        select Build(type, props, head, tail);

    /// <summary>A small, fully populated event of <paramref name="type"/>, deterministic in <paramref name="n"/>.</summary>
    public static EventRecord Sample(EventType type, int n) => new()
    {
        Tenant = "tenant-" + (n % 3),
        Id = $"evt-{n:D6}",
        Type = type,
        TsMs = 1_750_000_000_000 + n,
        ReceivedMs = 1_750_000_000_250 + n,
        SkewMs = n % 7 - 3,
        Room = "room-" + (n % 5),
        Session = n % 2 == 0 ? "s-" + n : null,
        Product = "sku-" + n,
        Ids = [new Pseudonym(IdentifierKind.Account, (ulong)n * 0x9E37_79B9_7F4A_7C15UL), new Pseudonym(IdentifierKind.Device, (ulong)n)],
        Sealed = [1, 2, 3, (byte)n],
        SealKey = (ulong)n * 31,
        Props = new EventProps { Text = new string('x', n % 50), Count = n },
    };

    /// <summary>Every prop of <see cref="EventProps"/> set, as the type-agnostic worst case.</summary>
    public static EventProps FullProps(int n) => new()
    {
        Source = "feed", Text = "好看！" + n, GiftId = "rocket", Channel = "wechat", CouponId = "c-" + n, Query = "面霜",
        OrderId = "o-" + n, OrderRoom = "room-1", Gender = "female", Province = "浙江", City = "杭州", Title = "Serum 精华",
        Category = "beauty/skincare/serum", Brand = "Brand", Streamer = "streamer", SessionRoom = "room-2", Keyword = "国潮", Section = "reviews",
        Intent = CommentIntent.AskReview,
        Count = 3, Qty = 2, DurationMs = 12_345, Rating = 5, BirthYear = 1995, Stock = -1,
        Value = 9.9, Total = 199.5, Amount = 20.25, Price = 99.0, Score = 0.75, Confidence = 1.0,
        UntilMs = 1_750_000_100_000, StartsAtMs = 1_750_000_200_000, RegisteredAtMs = 1_600_000_000_000,
        Items = [new OrderItem("sku-1", 2, 99.0, 10.5), new OrderItem("sku-2", 1, 1.5, 0)],
        Labels = ["国潮", "新品"], Ingredients = ["niacinamide"], Products = ["sku-1", "sku-2", "sku-3"],
        LinkedIds = [new Pseudonym(IdentifierKind.Viewer, 42), new Pseudonym(IdentifierKind.Phone, ulong.MaxValue)],
        Purposes = new ConsentPurposes(true, false, null),
    };

    private static EventRecord Build(EventType type, EventProps props,
        (string Tenant, string Id, long Ts, long Received, long Skew) head,
        (string? Room, string? Session, string? Product, List<Pseudonym> Ids, byte[]? Sealed, ulong SealKey) tail) => new()
    {
        Tenant = head.Tenant,
        Id = head.Id,
        Type = type,
        TsMs = head.Ts,
        ReceivedMs = head.Received,
        SkewMs = head.Skew,
        Room = tail.Room,
        Session = tail.Session,
        Product = tail.Product,
        Ids = tail.Ids,
        Sealed = tail.Sealed,
        SealKey = tail.SealKey,
        Props = props,
    };

    private static Gen<T?> Opt<T>(Gen<T> gen)
        where T : class => Gen.Null(gen, 0.3);

    private static Gen<long?> OptL(Gen<long> gen) => Gen.Nullable(gen, 0.3);

    private static Gen<double?> OptD(Gen<double> gen) => Gen.Nullable(gen, 0.3);
}
