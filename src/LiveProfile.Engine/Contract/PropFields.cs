namespace LiveProfile.Engine.Contract;

/// <summary>Wire names of <see cref="PropField"/> and, per event type, which are known and which required (spec/events.md, "Types").</summary>
internal static class PropFields
{
    private static readonly string[] Names =
    [
        "", "source", "text", "count", "giftId", "value", "channel", "couponId", "until", "durationMs", "query",
        "qty", "orderId", "items", "total", "room", "amount", "rating", "gender", "birthYear", "province", "city",
        "registeredAt", "name", "address", "purposes", "identifiers", "confidence", "title", "category", "brand",
        "price", "labels", "ingredients", "startsAt", "streamer", "products", "keyword", "score", "stock", "section",
    ];

    private static readonly string[] Paths = BuildPaths();
    private static readonly ulong[] AllowedByType = new ulong[EventTypes.Count];
    private static readonly ulong[] RequiredByType = BuildMasks();

    public static string Name(PropField f) => Names[(int)f];

    /// <summary><c>props.</c> + the name, for messages.</summary>
    public static string Path(PropField f) => Paths[(int)f];

    public static ulong Bit(PropField f) => 1UL << (int)f;

    /// <summary>The fields the type's row of the spec table lists.</summary>
    public static ulong Allowed(EventType type) => AllowedByType[(int)type];

    /// <summary>The bold fields of the type's row of the spec table.</summary>
    public static ulong Required(EventType type) => RequiredByType[(int)type];

    /// <summary>The field an (unescaped) UTF-8 name denotes, or <see cref="PropField.None"/>.</summary>
    public static PropField Classify(ReadOnlySpan<byte> n)
    {
        switch (n.Length)
        {
            case 3:
                return n.SequenceEqual("qty"u8) ? PropField.Qty : PropField.None;
            case 4:
                if (n.SequenceEqual("text"u8)) return PropField.Text;
                if (n.SequenceEqual("room"u8)) return PropField.Room;
                if (n.SequenceEqual("city"u8)) return PropField.City;
                if (n.SequenceEqual("name"u8)) return PropField.Name;
                return PropField.None;
            case 5:
                switch (n[0])
                {
                    case (byte)'c': return n.SequenceEqual("count"u8) ? PropField.Count : PropField.None;
                    case (byte)'v': return n.SequenceEqual("value"u8) ? PropField.Value : PropField.None;
                    case (byte)'u': return n.SequenceEqual("until"u8) ? PropField.Until : PropField.None;
                    case (byte)'q': return n.SequenceEqual("query"u8) ? PropField.Query : PropField.None;
                    case (byte)'i': return n.SequenceEqual("items"u8) ? PropField.Items : PropField.None;
                    case (byte)'b': return n.SequenceEqual("brand"u8) ? PropField.Brand : PropField.None;
                    case (byte)'p': return n.SequenceEqual("price"u8) ? PropField.Price : PropField.None;
                    case (byte)'t':
                        if (n.SequenceEqual("total"u8)) return PropField.Total;
                        return n.SequenceEqual("title"u8) ? PropField.Title : PropField.None;
                    case (byte)'s':
                        if (n.SequenceEqual("score"u8)) return PropField.Score;
                        return n.SequenceEqual("stock"u8) ? PropField.Stock : PropField.None;
                    default: return PropField.None;
                }

            case 6:
                if (n.SequenceEqual("source"u8)) return PropField.Source;
                if (n.SequenceEqual("giftId"u8)) return PropField.GiftId;
                if (n.SequenceEqual("amount"u8)) return PropField.Amount;
                if (n.SequenceEqual("rating"u8)) return PropField.Rating;
                if (n.SequenceEqual("gender"u8)) return PropField.Gender;
                if (n.SequenceEqual("labels"u8)) return PropField.Labels;
                return PropField.None;
            case 7:
                if (n.SequenceEqual("channel"u8)) return PropField.Channel;
                if (n.SequenceEqual("orderId"u8)) return PropField.OrderId;
                if (n.SequenceEqual("address"u8)) return PropField.Address;
                if (n.SequenceEqual("keyword"u8)) return PropField.Keyword;
                if (n.SequenceEqual("section"u8)) return PropField.Section;
                return PropField.None;
            case 8:
                if (n.SequenceEqual("couponId"u8)) return PropField.CouponId;
                if (n.SequenceEqual("category"u8)) return PropField.Category;
                if (n.SequenceEqual("products"u8)) return PropField.Products;
                if (n.SequenceEqual("province"u8)) return PropField.Province;
                if (n.SequenceEqual("purposes"u8)) return PropField.Purposes;
                if (n.SequenceEqual("startsAt"u8)) return PropField.StartsAt;
                if (n.SequenceEqual("streamer"u8)) return PropField.Streamer;
                return PropField.None;
            case 9:
                return n.SequenceEqual("birthYear"u8) ? PropField.BirthYear : PropField.None;
            case 10:
                if (n.SequenceEqual("durationMs"u8)) return PropField.DurationMs;
                if (n.SequenceEqual("confidence"u8)) return PropField.Confidence;
                return PropField.None;
            case 11:
                if (n.SequenceEqual("identifiers"u8)) return PropField.Identifiers;
                if (n.SequenceEqual("ingredients"u8)) return PropField.Ingredients;
                return PropField.None;
            case 12:
                return n.SequenceEqual("registeredAt"u8) ? PropField.RegisteredAt : PropField.None;
            default:
                return PropField.None;
        }
    }

    private static string[] BuildPaths()
    {
        var paths = new string[Names.Length];
        for (int i = 0; i < Names.Length; i++) paths[i] = "props." + Names[i];
        return paths;
    }

    private static ulong[] BuildMasks()
    {
        var required = new ulong[EventTypes.Count];

        void Set(EventType t, PropField[] allowed, PropField[] req)
        {
            foreach (var f in allowed) AllowedByType[(int)t] |= Bit(f);
            foreach (var f in req) required[(int)t] |= Bit(f);
        }

        Set(EventType.LiveJoin, [PropField.Source], []);
        Set(EventType.LiveComment, [PropField.Text], [PropField.Text]);
        Set(EventType.LiveLike, [PropField.Count], []);
        Set(EventType.LiveGift, [PropField.GiftId, PropField.Value], [PropField.GiftId, PropField.Value]);
        Set(EventType.LiveShare, [PropField.Channel], []);
        Set(EventType.LiveCouponClaim, [PropField.CouponId, PropField.Value], [PropField.CouponId]);
        Set(EventType.LiveProductOnScreen, [PropField.Until], []);
        Set(EventType.ShopView, [PropField.DurationMs, PropField.Section], []);
        Set(EventType.ShopSearch, [PropField.Query], [PropField.Query]);
        Set(EventType.ShopCartAdd, [PropField.Qty], []);
        Set(EventType.ShopOrder,
            [PropField.OrderId, PropField.Items, PropField.Total, PropField.CouponId, PropField.Room],
            [PropField.OrderId, PropField.Items, PropField.Total]);
        Set(EventType.ShopRefund, [PropField.OrderId, PropField.Amount], [PropField.OrderId]);
        Set(EventType.ShopReview, [PropField.Rating, PropField.Text], [PropField.Rating]);
        Set(EventType.UserProfile,
            [PropField.Gender, PropField.BirthYear, PropField.Province, PropField.City, PropField.RegisteredAt, PropField.Name, PropField.Address],
            []);
        Set(EventType.UserConsent, [PropField.Purposes], [PropField.Purposes]);
        Set(EventType.IdentityLink, [PropField.Identifiers, PropField.Confidence], [PropField.Identifiers]);
        Set(EventType.CatalogProduct,
            [PropField.Title, PropField.Category, PropField.Brand, PropField.Price, PropField.Labels, PropField.Ingredients],
            [PropField.Title, PropField.Category, PropField.Price]);
        Set(EventType.CatalogSession,
            [PropField.Room, PropField.StartsAt, PropField.Streamer, PropField.Products, PropField.Title],
            [PropField.Room, PropField.StartsAt]);
        Set(EventType.ExternalTrend, [PropField.Keyword, PropField.Category, PropField.Score], [PropField.Keyword, PropField.Score]);
        Set(EventType.ExternalInventory, [PropField.Stock], [PropField.Stock]);
        Set(EventType.MarketingInvite, [PropField.Channel], []);
        return required;
    }
}
