namespace LiveProfile.Engine.Contract;

/// <summary>The event types of spec/events.md. Values are persisted in the log: append only, never renumber.</summary>
public enum EventType : byte
{
    LiveJoin = 1,
    LiveLeave = 2,
    LiveHeartbeat = 3,
    LiveComment = 4,
    LiveLike = 5,
    LiveGift = 6,
    LiveShare = 7,
    LiveFollow = 8,
    LiveProductClick = 9,
    LiveCouponClaim = 10,
    LiveProductOnScreen = 11,
    ShopView = 12,
    ShopSearch = 13,
    ShopCartAdd = 14,
    ShopOrder = 15,
    ShopRefund = 16,
    ShopReview = 17,
    UserProfile = 18,
    UserConsent = 19,
    IdentityLink = 20,
    CatalogProduct = 21,
    CatalogSession = 22,
    ExternalTrend = 23,
    ExternalInventory = 24,
    /// <summary>LiveProfile's extension: a marketing channel invited the user to a scheduled session (<c>session</c>).</summary>
    MarketingInvite = 25,
    /// <summary>
    /// Internal, never accepted from producers: the server logs it for <c>POST /v1/identity/unmerge</c>. <c>Ids</c> name
    /// the profile, <c>props.LinkedIds</c> the identifiers to split off it.
    /// </summary>
    IdentityUnmerge = 26,
    /// <summary>
    /// Internal: a link the identity matcher made (or a reviewer accepted). Like <see cref="IdentityLink"/>: <c>Ids</c>
    /// one side, <c>props.LinkedIds</c> the other, <c>props.Confidence</c> the match probability; <c>props.Text</c> says why.
    /// </summary>
    IdentityMatch = 27,
    /// <summary>Internal: a reviewer rejected a candidate match: <c>Ids</c> and <c>props.LinkedIds</c> are kept apart for good.</summary>
    IdentityReject = 28,
}
