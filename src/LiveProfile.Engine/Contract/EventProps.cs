namespace LiveProfile.Engine.Contract;

/// <summary>
/// The type-specific fields of an event (spec/events.md, "Types"), flat: each event type sets the
/// few it has. Flat keeps the log codec and the parser one table each instead of 24 classes.
/// </summary>
public sealed class EventProps
{
    // strings
    public string? Source { get; set; }       // live.join
    public string? Text { get; set; }         // live.comment, shop.review
    public string? GiftId { get; set; }       // live.gift
    public string? Channel { get; set; }      // live.share
    public string? CouponId { get; set; }     // live.coupon_claim, shop.order
    public string? Query { get; set; }        // shop.search
    public string? OrderId { get; set; }      // shop.order, shop.refund
    public string? OrderRoom { get; set; }    // shop.order: the live room the order is attributed to
    public string? Gender { get; set; }       // user.profile
    public string? Province { get; set; }     // user.profile
    public string? City { get; set; }         // user.profile
    public string? Title { get; set; }        // catalog.product, catalog.session
    public string? Category { get; set; }     // catalog.product, external.trend
    public string? Brand { get; set; }        // catalog.product
    public string? Streamer { get; set; }     // catalog.session
    public string? SessionRoom { get; set; }  // catalog.session
    public string? Keyword { get; set; }      // external.trend

    // numbers
    public long? Count { get; set; }          // live.like
    public long? Qty { get; set; }            // shop.cart_add
    public long? DurationMs { get; set; }     // shop.view
    public long? Rating { get; set; }         // shop.review
    public long? BirthYear { get; set; }      // user.profile
    public long? Stock { get; set; }          // external.inventory
    public double? Value { get; set; }        // live.gift, live.coupon_claim
    public double? Total { get; set; }        // shop.order
    public double? Amount { get; set; }       // shop.refund
    public double? Price { get; set; }        // catalog.product
    public double? Score { get; set; }        // external.trend
    public double? Confidence { get; set; }   // identity.link

    // times, Unix epoch milliseconds
    public long? UntilMs { get; set; }        // live.product_on_screen
    public long? StartsAtMs { get; set; }     // catalog.session
    public long? RegisteredAtMs { get; set; } // user.profile

    // lists and structures
    public List<OrderItem>? Items { get; set; }      // shop.order
    public List<string>? Labels { get; set; }        // catalog.product
    public List<string>? Ingredients { get; set; }   // catalog.product
    public List<string>? Products { get; set; }      // catalog.session
    public List<Pseudonym>? LinkedIds { get; set; }  // identity.link, after pseudonymisation
    public ConsentPurposes? Purposes { get; set; }   // user.consent
}
