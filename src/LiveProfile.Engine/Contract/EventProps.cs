namespace LiveProfile.Engine.Contract;

/// <summary>
/// The type-specific fields of an event (spec/events.md, "Types"), flat: each event type sets the
/// few it has. Flat keeps the log codec and the parser one table each instead of 24 classes.
/// The fields most events use are held inline; the rest (catalog, profile, session, link, consent
/// fields) live in <see cref="RareProps"/>, allocated only by the events that set one: a live
/// event's props take about 150 bytes instead of about 450.
/// </summary>
public sealed class EventProps
{
    private RareProps? _rare;

    private RareProps Rare => _rare ??= new RareProps();

    public string? Source { get; set; } // live.join
    public string? Text { get; set; } // live.comment, shop.review
    public string? GiftId { get => _rare?.GiftId; set => Rare.GiftId = value; } // live.gift
    public string? Channel { get => _rare?.Channel; set => Rare.Channel = value; } // live.share, marketing.invite
    public string? CouponId { get; set; } // live.coupon_claim, shop.order
    public string? Query { get => _rare?.Query; set => Rare.Query = value; } // shop.search
    public string? OrderId { get; set; } // shop.order, shop.refund
    public string? OrderRoom { get => _rare?.OrderRoom; set => Rare.OrderRoom = value; } // shop.order: the live room the order is attributed to
    public string? Gender { get => _rare?.Gender; set => Rare.Gender = value; } // user.profile
    public string? Province { get => _rare?.Province; set => Rare.Province = value; } // user.profile
    public string? City { get => _rare?.City; set => Rare.City = value; } // user.profile
    public string? Title { get => _rare?.Title; set => Rare.Title = value; } // catalog.product, catalog.session
    public string? Category { get => _rare?.Category; set => Rare.Category = value; } // catalog.product, external.trend
    public string? Brand { get => _rare?.Brand; set => Rare.Brand = value; } // catalog.product
    public string? Streamer { get => _rare?.Streamer; set => Rare.Streamer = value; } // catalog.session
    public string? SessionRoom { get => _rare?.SessionRoom; set => Rare.SessionRoom = value; } // catalog.session
    public string? Keyword { get => _rare?.Keyword; set => Rare.Keyword = value; } // external.trend
    public string? Section { get => _rare?.Section; set => Rare.Section = value; } // shop.view
    /// <summary>live.comment: the intent the ingest path classified the text as (not a wire field; kept in the log).</summary>
    public CommentIntent? Intent { get; set; }
    public long? Count { get; set; } // live.like
    public long? Qty { get; set; } // shop.cart_add
    public long? DurationMs { get; set; } // shop.view
    public long? Rating { get => _rare?.Rating; set => Rare.Rating = value; } // shop.review
    public long? BirthYear { get => _rare?.BirthYear; set => Rare.BirthYear = value; } // user.profile
    public long? Stock { get => _rare?.Stock; set => Rare.Stock = value; } // external.inventory
    public double? Value { get; set; } // live.gift, live.coupon_claim
    public double? Total { get; set; } // shop.order
    public double? Amount { get => _rare?.Amount; set => Rare.Amount = value; } // shop.refund
    public double? Price { get => _rare?.Price; set => Rare.Price = value; } // catalog.product
    public double? Score { get => _rare?.Score; set => Rare.Score = value; } // external.trend
    public double? Confidence { get => _rare?.Confidence; set => Rare.Confidence = value; } // identity.link
    public long? UntilMs { get => _rare?.UntilMs; set => Rare.UntilMs = value; } // live.product_on_screen
    public long? StartsAtMs { get => _rare?.StartsAtMs; set => Rare.StartsAtMs = value; } // catalog.session
    public long? RegisteredAtMs { get => _rare?.RegisteredAtMs; set => Rare.RegisteredAtMs = value; } // user.profile
    public List<OrderItem>? Items { get; set; } // shop.order
    public List<string>? Labels { get => _rare?.Labels; set => Rare.Labels = value; } // catalog.product
    public List<string>? Ingredients { get => _rare?.Ingredients; set => Rare.Ingredients = value; } // catalog.product
    public List<string>? Products { get => _rare?.Products; set => Rare.Products = value; } // catalog.session
    public List<Pseudonym>? LinkedIds { get => _rare?.LinkedIds; set => Rare.LinkedIds = value; } // identity.link, after pseudonymisation
    public ConsentPurposes? Purposes { get => _rare?.Purposes; set => Rare.Purposes = value; } // user.consent

    /// <summary>Storage of the fields few events carry.</summary>
    private sealed class RareProps
    {
        public string? GiftId;
        public string? Channel;
        public string? Query;
        public string? OrderRoom;
        public string? Gender;
        public string? Province;
        public string? City;
        public string? Title;
        public string? Category;
        public string? Brand;
        public string? Streamer;
        public string? SessionRoom;
        public string? Keyword;
        public string? Section;
        public long? Rating;
        public long? BirthYear;
        public long? Stock;
        public double? Amount;
        public double? Price;
        public double? Score;
        public double? Confidence;
        public long? UntilMs;
        public long? StartsAtMs;
        public long? RegisteredAtMs;
        public List<string>? Labels;
        public List<string>? Ingredients;
        public List<string>? Products;
        public List<Pseudonym>? LinkedIds;
        public ConsentPurposes? Purposes;
    }
}
