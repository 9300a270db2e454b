namespace LiveProfile.Simulation.Generation;

/// <summary>Event types of spec/events.md that the simulator produces.</summary>
internal static class SimEventType
{
    public const string Join = "live.join", Leave = "live.leave", Heartbeat = "live.heartbeat", Comment = "live.comment",
        Like = "live.like", Gift = "live.gift", Share = "live.share", Follow = "live.follow", Click = "live.product_click",
        CouponClaim = "live.coupon_claim", OnScreen = "live.product_on_screen",
        View = "shop.view", Search = "shop.search", CartAdd = "shop.cart_add", Order = "shop.order", Review = "shop.review",
        Profile = "user.profile", Link = "identity.link", CatalogProduct = "catalog.product", CatalogSession = "catalog.session";

    public static bool IsLive(string type) => type.StartsWith("live.", StringComparison.Ordinal);
}
