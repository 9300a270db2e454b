using System.Collections.Frozen;

namespace LiveProfile.Engine.Contract;

/// <summary>Wire names of <see cref="EventType"/> and the envelope rules that depend on the type.</summary>
public static class EventTypes
{
    public const int Count = 29; // one past the largest value, for arrays indexed by type

    private static readonly (EventType Type, string Name)[] Names =
    [
        (EventType.LiveJoin, "live.join"), (EventType.LiveLeave, "live.leave"),
        (EventType.LiveHeartbeat, "live.heartbeat"), (EventType.LiveComment, "live.comment"),
        (EventType.LiveLike, "live.like"), (EventType.LiveGift, "live.gift"),
        (EventType.LiveShare, "live.share"), (EventType.LiveFollow, "live.follow"),
        (EventType.LiveProductClick, "live.product_click"), (EventType.LiveCouponClaim, "live.coupon_claim"),
        (EventType.LiveProductOnScreen, "live.product_on_screen"), (EventType.ShopView, "shop.view"),
        (EventType.ShopSearch, "shop.search"), (EventType.ShopCartAdd, "shop.cart_add"),
        (EventType.ShopOrder, "shop.order"), (EventType.ShopRefund, "shop.refund"),
        (EventType.ShopReview, "shop.review"), (EventType.UserProfile, "user.profile"),
        (EventType.UserConsent, "user.consent"), (EventType.IdentityLink, "identity.link"),
        (EventType.CatalogProduct, "catalog.product"), (EventType.CatalogSession, "catalog.session"),
        (EventType.ExternalTrend, "external.trend"), (EventType.ExternalInventory, "external.inventory"),
        (EventType.MarketingInvite, "marketing.invite"),
    ];

    /// <summary>Types the server writes itself: they have a name for logs and timelines, but producers cannot send them.</summary>
    private static readonly (EventType Type, string Name)[] InternalNames =
    [
        (EventType.IdentityUnmerge, "identity.unmerge"), (EventType.IdentityMatch, "identity.match"), (EventType.IdentityReject, "identity.reject"),
    ];

    private static readonly string[] ByValue = BuildByValue();
    private static readonly FrozenDictionary<string, EventType> ByName =
        Names.ToFrozenDictionary(n => n.Name, n => n.Type, StringComparer.Ordinal);

    /// <summary>The types producers may send.</summary>
    public static IEnumerable<EventType> All => Names.Select(n => n.Type);

    public static bool IsInternal(this EventType type) => type is EventType.IdentityUnmerge or EventType.IdentityMatch or EventType.IdentityReject;

    /// <summary>Identity decisions: links (a producer's, the matcher's), rejections and unmerges.</summary>
    public static bool IsIdentity(this EventType type) =>
        type is EventType.IdentityLink or EventType.IdentityMatch or EventType.IdentityReject or EventType.IdentityUnmerge;

    /// <summary>
    /// Types whose time moves the engine's event-time clock: what users do and declare. Not world signals, and not identity
    /// decisions, whose time is when a producer, the matcher or a reviewer decided: that may be long after the behaviour it
    /// joins (history replayed, a backfill), and the clock would jump to it, closing every open visit and turning the day.
    /// </summary>
    public static bool MovesClock(this EventType type) => type.RequiresUser() && !type.IsIdentity();

    /// <summary>Types that join their identifiers to <c>props.LinkedIds</c>: a producer's link and the matcher's.</summary>
    public static bool IsLink(this EventType type) => type is EventType.IdentityLink or EventType.IdentityMatch;

    public static string WireName(this EventType type) => ByValue[(int)type];

    public static bool TryParse(string name, out EventType type) => ByName.TryGetValue(name, out type);

    /// <summary>Every type needs a user except room-level, catalog and external signals.</summary>
    public static bool RequiresUser(this EventType type) =>
        type is not (EventType.LiveProductOnScreen or EventType.CatalogProduct or EventType.CatalogSession
            or EventType.ExternalTrend or EventType.ExternalInventory);

    public static bool IsLive(this EventType type) => type <= EventType.LiveProductOnScreen;

    /// <summary>Types whose envelope must name a product.</summary>
    public static bool RequiresProduct(this EventType type) =>
        type is EventType.LiveProductClick or EventType.LiveProductOnScreen or EventType.ShopView
            or EventType.ShopCartAdd or EventType.ShopReview or EventType.CatalogProduct
            or EventType.ExternalInventory;

    /// <summary>Types whose envelope must name a scheduled session.</summary>
    public static bool RequiresSession(this EventType type) => type is EventType.MarketingInvite;

    private static string[] BuildByValue()
    {
        var names = new string[Count];
        foreach (var (type, name) in Names.Concat(InternalNames)) names[(int)type] = name;
        return names;
    }
}
