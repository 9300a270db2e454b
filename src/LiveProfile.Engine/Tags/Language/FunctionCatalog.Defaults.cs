using LiveProfile.Engine.Contract;
using static LiveProfile.Engine.Tags.Language.TagValueType;

namespace LiveProfile.Engine.Tags.Language;

/// <summary>The default catalogue: enough to express every definition of spec/taxonomy.md.</summary>
public sealed partial class FunctionCatalog
{
    private static readonly EventType[] Activity =
    [
        EventType.LiveJoin, EventType.LiveLeave, EventType.LiveHeartbeat, EventType.LiveComment, EventType.LiveLike,
        EventType.LiveGift, EventType.LiveShare, EventType.LiveFollow, EventType.LiveProductClick, EventType.LiveCouponClaim,
        EventType.ShopView, EventType.ShopSearch, EventType.ShopCartAdd, EventType.ShopOrder, EventType.ShopRefund, EventType.ShopReview,
    ];

    private static readonly EventType[] Interaction =
    [
        EventType.LiveProductClick, EventType.ShopView, EventType.ShopCartAdd, EventType.ShopOrder,
        EventType.LiveComment, EventType.LiveLike, EventType.LiveGift,
    ];

    private static readonly EventType[] Presence = [EventType.LiveJoin, EventType.LiveLeave, EventType.LiveHeartbeat];
    private static readonly EventType[] Views = [EventType.ShopView, EventType.LiveProductClick];
    private static readonly EventType[] Comments = [EventType.LiveComment];
    private static readonly EventType[] Orders = [EventType.ShopOrder];
    private static readonly EventType[] Profile = [EventType.UserProfile];
    private static readonly EventType[] None = [];

    /// <summary>The catalogue of docs/tag-language.md (declared after the arrays it uses: static initialisers run in text order).</summary>
    public static FunctionCatalog Default { get; } = new(BuildDefault());

    private static FunctionParameter P(string name, TagValueType type, ArgumentKind kind, string doc) => new(name, type, kind, false, doc);

    private static FunctionParameter Opt(string name, TagValueType type, ArgumentKind kind, string doc) => new(name, type, kind, true, doc);

    private static FunctionParameter Window(string doc = "window ending today, whole days 1d–180d") => P("window", Duration, ArgumentKind.Window, doc);

    private static FunctionParameter OptWindow() => Opt("window", Duration, ArgumentKind.Window, "window ending today, 1d–180d; omitted: the whole life of the profile");

    private static FunctionDefinition Num(string name, FunctionParameter[] parameters, int cost, FeatureFamilies families, EventType[] feeds,
        string doc, Func<CallArguments, Func<IFeatureContext, double>> body) =>
        new(name, Number, parameters, cost, families, feeds, doc, a => body(a));

    private static FunctionDefinition Dur(string name, FunctionParameter[] parameters, int cost, FeatureFamilies families, EventType[] feeds,
        string doc, Func<CallArguments, Func<IFeatureContext, double>> body) =>
        new(name, Duration, parameters, cost, families, feeds, doc, a => body(a));

    private static FunctionDefinition Flag(string name, FunctionParameter[] parameters, int cost, FeatureFamilies families, EventType[] feeds,
        string doc, Func<CallArguments, Func<IFeatureContext, bool>> body) =>
        new(name, Bool, parameters, cost, families, feeds, doc, a => body(a));

    private static FunctionDefinition Text(string name, FunctionParameter[] parameters, int cost, FeatureFamilies families, EventType[] feeds,
        string doc, Func<CallArguments, Func<IFeatureContext, string>> body) =>
        new(name, TagValueType.String, parameters, cost, families, feeds, doc, a => body(a));

    private const FeatureFamilies EventsClock = FeatureFamilies.Events | FeatureFamilies.Clock;
    private const FeatureFamilies PresenceClock = FeatureFamilies.Presence | FeatureFamilies.Clock;
    private const FeatureFamilies OrdersClock = FeatureFamilies.Orders | FeatureFamilies.Clock;

    private static IEnumerable<FunctionDefinition> BuildDefault()
    {
        var category = P("category", TagValueType.String, ArgumentKind.Category, "category path, e.g. 'beauty' or 'beauty/skincare'");
        var optCategory = Opt("category", TagValueType.String, ArgumentKind.Category, "category path; omitted: every category");

        // events
        yield return Num("count", [P("type", TagValueType.String, ArgumentKind.EventType, "user event type, e.g. 'live.comment'"), Window()], 1, EventsClock, None,
            "Number of events of the type in the window (the type itself is an input).",
            a => { var type = a.EventType(0); var days = a.Days(1); return c => c.Count(type, days); });
        yield return Num("interactions", [Window(), optCategory], 1, EventsClock, Interaction,
            "Product interactions in the window (clicks, detail views, cart adds, orders, comments on a presented product, likes/gifts while a product is on screen), optionally only on products of the category.",
            a => { var days = a.Days(0); var cat = a.OptionalText(1); return c => c.Interactions(days, cat); });
        yield return Num("product_views", [category, Window()], 1, EventsClock, Views,
            "Detail views (shop.view) plus live product clicks on products of the category in the window.",
            a => { var cat = a.Text(0); var days = a.Days(1); return c => c.ProductViews(cat, days); });
        yield return Num("distinct_products", [category, Window()], 3, EventsClock, Views,
            "Distinct products of the category viewed or clicked in the window.",
            a => { var cat = a.Text(0); var days = a.Days(1); return c => c.DistinctProducts(cat, days); });
        yield return Num("review_views", [Window()], 1, EventsClock, [EventType.ShopView],
            "Views of product reviews in the window (shop.view with props.section = 'reviews').",
            a => { var days = a.Days(0); return c => c.ReviewViews(days); });
        yield return Num("active_days", [Window()], 1, EventsClock, Activity,
            "Distinct local days (default UTC+8) with any user activity in the window.",
            a => { var days = a.Days(0); return c => c.ActiveDays(days); });
        yield return Num("hour_share", [P("from", Number, ArgumentKind.Hour, "first local hour, 0–23"), P("to", Number, ArgumentKind.HourEnd, "end local hour (exclusive), 1–24; below 'from' wraps past midnight"), Window()], 2, EventsClock, Activity,
            "Share (0–1) of the window's activity that happened in local hours [from, to); hour_share(22, 3, 30d) covers 22:00–02:59. 0 without activity.",
            a => { var from = a.Int(0); var to = a.Int(1); var days = a.Days(2); return c => c.HourShare(from, to, days); });
        yield return Num("hour_days", [P("from", Number, ArgumentKind.Hour, "first local hour, 0–23"), P("to", Number, ArgumentKind.HourEnd, "end local hour (exclusive), 1–24"), Window()], 2, EventsClock, Activity,
            "Distinct local days of the window with activity in hours [from, to) (a night past midnight counts on the day it ends).",
            a => { var from = a.Int(0); var to = a.Int(1); var days = a.Days(2); return c => c.HourDays(from, to, days); });

        // affinities
        yield return Num("share", [category], 1, FeatureFamilies.Affinities, Interaction,
            "The category's share (0–1) of the user's decayed product interactions (half-life 14 days); 0 without interactions.",
            a => { var cat = a.Text(0); return c => c.Share(cat); });
        yield return Num("share_ago", [category, P("ago", Duration, ArgumentKind.Window, "how long ago, whole days 1d–180d")], 2, FeatureFamilies.Affinities | FeatureFamilies.Clock, Interaction,
            "The category's decayed share as it stood 'ago' earlier (only interactions before then); absent when there were none.",
            a => { var cat = a.Text(0); var days = a.Days(1); return c => c.ShareAgo(cat, days); });
        yield return Num("label_share", [P("label", TagValueType.String, ArgumentKind.Label, "product label, e.g. '国潮'")], 1, FeatureFamilies.Affinities, Interaction,
            "Share (0–1) of decayed product interactions on products carrying the label; 0 without interactions.",
            a => { var label = a.Text(0); return c => c.LabelShare(label); });
        yield return Num("affinity", [P("key", TagValueType.String, ArgumentKind.AffinityKey, "'cat:…', 'brand:…', 'price:…' or 'label:…'")], 1, FeatureFamilies.Affinities, Interaction,
            "Decayed interaction score of an affinity key (weighted interactions, half-life 14 days); 0 when none.",
            a => { var key = a.Text(0); return c => c.Affinity(key); });

        // comments
        yield return Num("intent_count", [P("intent", TagValueType.String, ArgumentKind.Intent, "comment intent, or 'question' for any ask_* intent"), Window(), optCategory], 1, FeatureFamilies.Comments | FeatureFamilies.Clock, Comments,
            "Comments in the window classified with the intent, optionally only those made while a product of the category was presented.",
            a => { var intent = a.Text(0); var days = a.Days(1); var cat = a.OptionalText(2); return c => c.IntentCount(intent, days, cat); });

        // presence
        yield return Dur("dwell", [Window(), optCategory], 1, PresenceClock, Presence,
            "Total time watched in live sessions in the window, optionally only sessions presenting the category.",
            a => { var days = a.Days(0); var cat = a.OptionalText(1); return c => c.DwellSeconds(days, cat); });
        yield return Dur("avg_dwell", [Window(), optCategory], 2, PresenceClock, Presence,
            "Average time watched per attended session in the window (sessions presenting the category); 0 without sessions.",
            a => { var days = a.Days(0); var cat = a.OptionalText(1); return c => c.AverageDwellSeconds(days, cat); });
        yield return Num("sessions_attended", [Window(), Opt("room", TagValueType.String, ArgumentKind.Room, "room id; omitted: every room")], 2, PresenceClock, Presence,
            "Live sessions attended in the window, optionally in one room.",
            a => { var days = a.Days(0); var room = a.OptionalText(1); return c => c.SessionsAttended(days, room); });
        yield return Num("max_room_sessions", [Window()], 2, PresenceClock, Presence,
            "The largest number of sessions attended in the window in any single room.",
            a => { var days = a.Days(0); return c => c.MaxRoomSessions(days); });
        yield return Num("followed_last_sessions", [P("n", Number, ArgumentKind.SessionCount, "how many of each room's last sessions, 1–64")], 2, FeatureFamilies.Presence, [.. Presence, EventType.LiveFollow],
            "Over the rooms whose streamer the user follows, the most of a room's last n sessions the user attended; 0 when following none.",
            a => { var n = a.Int(0); return c => c.FollowedLastSessions(n); });
        yield return Flag("follows", [Opt("room", TagValueType.String, ArgumentKind.Room, "room id; omitted: any room")], 1, FeatureFamilies.Presence, [EventType.LiveFollow],
            "Whether the user follows the streamer of the room (of any room when omitted).",
            a => { var room = a.OptionalText(0); return c => c.Follows(room); });
        yield return Num("coupon_sessions", [Window()], 2, PresenceClock, [.. Presence, EventType.LiveCouponClaim],
            "Attended sessions in the window in which the user claimed a coupon.",
            a => { var days = a.Days(0); return c => c.CouponSessions(days); });
        yield return Num("gift_value", [Window()], 1, PresenceClock, [EventType.LiveGift],
            "CNY value of gifts sent in the window.",
            a => { var days = a.Days(0); return c => c.GiftValue(days); });

        // orders
        yield return Num("orders", [OptWindow()], 1, OrdersClock, Orders,
            "Paid orders in the window (whole life when omitted).",
            a => { var days = a.OptionalDays(0); return c => c.Orders(days); });
        yield return Num("spend", [OptWindow()], 1, OrdersClock, Orders,
            "CNY of paid order totals in the window (whole life when omitted); refunds are not deducted.",
            a => { var days = a.OptionalDays(0); return c => c.Spend(days); });
        yield return Num("aov", [OptWindow()], 1, OrdersClock, Orders,
            "Average order value: spend / orders in the window (whole life when omitted); 0 without orders.",
            a => { var days = a.OptionalDays(0); return c => c.AverageOrderValue(days); });
        yield return Num("discount_share", [OptWindow()], 1, OrdersClock, Orders,
            "Share (0–1) of orders that used a coupon or an item discount (whole life when omitted); 0 without orders.",
            a => { var days = a.OptionalDays(0); return c => c.DiscountShare(days); });
        yield return Num("impulse_orders", [Window()], 1, OrdersClock, [EventType.ShopOrder, EventType.LiveProductClick],
            "Orders in the window placed within 5 minutes after clicking the ordered product in a live room.",
            a => { var days = a.Days(0); return c => c.ImpulseOrders(days); });
        yield return Num("premium_order_share", [OptWindow()], 2, OrdersClock, Orders,
            "Share (0–1) of orders whose price is above the median price of their category (whole life when omitted); 0 without orders.",
            a => { var days = a.OptionalDays(0); return c => c.PremiumOrderShare(days); });
        yield return Num("repeat_categories", [P("gap", Duration, ArgumentKind.Gap, "minimum time between the orders, whole days 0d–180d"), Window()], 3, OrdersClock, Orders,
            "Categories with at least two orders in the window placed at least 'gap' apart.",
            a => { var gap = a.Days(0); var days = a.Days(1); return c => c.RepeatCategories(gap, days); });
        yield return Num("spend_percentile", [Window()], 4, OrdersClock | FeatureFamilies.Population, Orders,
            "Rank (0–1) of the user's spend in the window among users with orders in it: 0.9 = spends more than 90% of them; absent without orders.",
            a => { var days = a.Days(0); return c => c.SpendPercentile(days); });

        // time
        yield return Num("days_since_last_activity", [], 1, FeatureFamilies.Events | FeatureFamilies.Clock, Activity,
            "Days (fractional) since the last activity; absent when the user was never active.",
            _ => c => c.DaysSinceLastActivity());
        yield return Num("days_since_registered", [], 1, FeatureFamilies.Attributes | FeatureFamilies.Clock, [.. Profile, .. Activity],
            "Days (fractional) since the declared registration, or since first seen when none was declared; absent when neither is known.",
            _ => c => c.DaysSinceRegistered());

        // attributes
        yield return Text("attr", [P("name", TagValueType.String, ArgumentKind.Attribute, "'gender', 'province' or 'city'")], 1, FeatureFamilies.Attributes, Profile,
            "A declared attribute of user.profile: gender ('female', 'male', '' when unknown), province, city; '' when not declared.",
            a => { var name = a.Text(0); return c => c.Attribute(name); });
        yield return Num("age", [], 1, FeatureFamilies.Attributes | FeatureFamilies.Clock, Profile,
            "Current year (event time) minus the declared birth year; absent when not declared.",
            _ => c => c.Age());

        // models and tags
        yield return Num("model_score", [P("model", TagValueType.String, ArgumentKind.Model, "model name, e.g. 'churn' or 'p_alive'")], 1, FeatureFamilies.Models, None,
            "The score a model last set for the user; absent until a model sets it (every comparison with it is then false).",
            a => { var model = a.Text(0); return c => c.ModelScore(model); });
        yield return Flag("has_tag", [P("tag", TagValueType.String, ArgumentKind.Tag, "tag id, or the family part of a parametric tag"), Opt("parameter", TagValueType.String, ArgumentKind.Category, "when given, the tag id is tag + ':' + parameter")], 1, FeatureFamilies.Tags, None,
            "Whether the profile currently carries the tag; has_tag('interest', $category) reads 'interest:<category>'.",
            a =>
            {
                var id = a.OptionalText(1) is { } parameter ? a.Text(0) + ":" + parameter : a.Text(0);
                return c => c.HasTag(id);
            });
    }
}
