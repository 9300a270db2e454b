namespace LiveProfile.Engine.Contract;

/// <summary>
/// The known <c>props</c> fields of spec/events.md, each with the rule it is validated by. A field is
/// known only for the types that list it (<see cref="PropFields.Allowed"/>); for any other type it is an
/// unknown field: accepted and kept as JSON in <see cref="RawIdentity.ExtraPropsJson"/>. For every
/// field, JSON <c>null</c> means absent. A wrong JSON type or an out-of-range value is
/// <c>invalid_field</c> unless said otherwise; a missing required field is <c>missing_field</c>. The
/// declaration order is the order in which missing required fields are reported. Strings must be
/// non-empty and at most <see cref="IngestLimits.MaxStringChars"/> UTF-16 chars (<c>string_too_long</c>).
/// Money is CNY as a JSON number (strings are rejected), finite and ≥ 0. Integers must be written as
/// integer literals (<c>2</c>, not <c>2.0</c> or <c>2e0</c>).
/// </summary>
internal enum PropField : byte
{
    None = 0,

    /// <summary><c>live.join</c>: one of <c>feed</c>, <c>search</c>, <c>share</c>, <c>push</c>, <c>follow</c>.</summary>
    Source,

    /// <summary><c>live.comment</c> (required), <c>shop.review</c>: string of at most <see cref="IngestLimits.MaxCommentChars"/> chars, else <c>comment_too_long</c>.</summary>
    Text,

    /// <summary><c>live.like</c>: integer ≥ 1, default 1.</summary>
    Count,

    /// <summary><c>live.gift</c> (required): string.</summary>
    GiftId,

    /// <summary><c>live.gift</c> (required), <c>live.coupon_claim</c>: money.</summary>
    Value,

    /// <summary><c>live.share</c>: string.</summary>
    Channel,

    /// <summary><c>live.coupon_claim</c> (required), <c>shop.order</c>: string.</summary>
    CouponId,

    /// <summary><c>live.product_on_screen</c>: a time (RFC 3339 with offset or epoch ms), else <c>invalid_time</c>.</summary>
    Until,

    /// <summary><c>shop.view</c>: integer ≥ 0.</summary>
    DurationMs,

    /// <summary><c>shop.search</c> (required): string.</summary>
    Query,

    /// <summary><c>shop.cart_add</c>: integer ≥ 1, default 1.</summary>
    Qty,

    /// <summary><c>shop.order</c>, <c>shop.refund</c> (required): string.</summary>
    OrderId,

    /// <summary>
    /// <c>shop.order</c> (required): a non-empty array of objects <c>{product, qty, unitPrice, discount}</c>:
    /// <c>product</c> string (required), <c>qty</c> integer 1..2^31-1 (default 1), <c>unitPrice</c> money
    /// (required), <c>discount</c> money (default 0). Other keys in an item are ignored (not kept);
    /// a repeated key is <c>duplicate_field</c>.
    /// </summary>
    Items,

    /// <summary><c>shop.order</c> (required): money.</summary>
    Total,

    /// <summary><c>shop.order</c>: string, the attributed live room (→ <see cref="EventProps.OrderRoom"/>); <c>catalog.session</c> (required): → <see cref="EventProps.SessionRoom"/> and <see cref="EventRecord.Room"/>.</summary>
    Room,

    /// <summary><c>shop.refund</c>: money.</summary>
    Amount,

    /// <summary><c>shop.review</c> (required): integer 1–5.</summary>
    Rating,

    /// <summary><c>user.profile</c>: one of <c>female</c>, <c>male</c>, <c>unknown</c>.</summary>
    Gender,

    /// <summary><c>user.profile</c>: integer from 1900 to the current (UTC, server clock) year.</summary>
    BirthYear,

    /// <summary><c>user.profile</c>: string.</summary>
    Province,

    /// <summary><c>user.profile</c>: string.</summary>
    City,

    /// <summary><c>user.profile</c>: a time, else <c>invalid_time</c>.</summary>
    RegisteredAt,

    /// <summary><c>user.profile</c>: string, PII: goes to <see cref="RawIdentity.Name"/>, never to <see cref="EventProps"/>.</summary>
    Name,

    /// <summary><c>user.profile</c>: string, PII: goes to <see cref="RawIdentity.Address"/>, never to <see cref="EventProps"/>.</summary>
    Address,

    /// <summary>
    /// <c>user.consent</c> (required): an object with keys <c>analytics</c>, <c>personalization</c>,
    /// <c>marketing</c>, each <c>true</c>, <c>false</c> or <c>null</c> (unchanged); at least one must be a
    /// boolean. Any other key is <c>unknown_field</c>: a consent the engine would silently drop must
    /// not be accepted.
    /// </summary>
    Purposes,

    /// <summary>
    /// <c>identity.link</c> (required): an array of at least two objects <c>{kind, value}</c> naming at
    /// least two different identifiers; <c>kind</c> one of account, viewer, device, phone, nickname;
    /// <c>value</c> a string (E.164 for phone, else <c>invalid_phone</c>). Other keys are ignored.
    /// </summary>
    Identifiers,

    /// <summary><c>identity.link</c>: number from 0 to 1, default 1.</summary>
    Confidence,

    /// <summary><c>catalog.product</c> (required), <c>catalog.session</c>: string.</summary>
    Title,

    /// <summary><c>catalog.product</c> (required), <c>external.trend</c>: a path of non-empty segments separated by <c>/</c> (<c>beauty/skincare/serum</c>).</summary>
    Category,

    /// <summary><c>catalog.product</c>: string.</summary>
    Brand,

    /// <summary><c>catalog.product</c> (required): money.</summary>
    Price,

    /// <summary><c>catalog.product</c>: array of strings (may be empty).</summary>
    Labels,

    /// <summary><c>catalog.product</c>: array of strings (may be empty).</summary>
    Ingredients,

    /// <summary><c>catalog.session</c> (required): a time, else <c>invalid_time</c>.</summary>
    StartsAt,

    /// <summary><c>catalog.session</c>: string.</summary>
    Streamer,

    /// <summary><c>catalog.session</c>: array of product id strings (may be empty).</summary>
    Products,

    /// <summary><c>external.trend</c> (required): string.</summary>
    Keyword,

    /// <summary><c>external.trend</c> (required): any finite number.</summary>
    Score,

    /// <summary><c>external.inventory</c> (required): integer ≥ 0.</summary>
    Stock,

    /// <summary><c>shop.view</c>: which part of the product page was viewed (<c>reviews</c>, <c>details</c>, <c>specs</c>, <c>qa</c>); <c>reviews</c> feeds <c>review_views</c>.</summary>
    Section,
}
