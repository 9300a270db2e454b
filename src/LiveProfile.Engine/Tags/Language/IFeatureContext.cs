using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// What a compiled tag expression reads: the features of one profile at one reference time
/// ("now" in event time). One method per catalogue function (see <see cref="FunctionCatalog"/> and
/// docs/tag-language.md for the exact semantics); the profile engine implements it over its compact
/// state, tests implement it in memory. Windows are whole days ending today (local time, default
/// UTC+8); <c>days</c> null means the whole life of the profile. Implementations must not throw and
/// return <see cref="double.NaN"/> for values that are absent (no model score, no birth year, never active).
/// </summary>
public interface IFeatureContext
{
    // --- events (FeatureFamilies.Events) ---

    /// <summary><c>count(type, window)</c>: events of a user event type in the window.</summary>
    double Count(EventType type, int days);

    /// <summary><c>interactions(window, category?)</c>: product interactions in the window, optionally in a category.</summary>
    double Interactions(int days, string? category);

    /// <summary><c>product_views(category, window)</c>: detail views and live product clicks on products of the category.</summary>
    double ProductViews(string category, int days);

    /// <summary><c>distinct_products(category, window)</c>: distinct products of the category viewed or clicked.</summary>
    double DistinctProducts(string category, int days);

    /// <summary><c>review_views(window)</c>: views of product reviews.</summary>
    double ReviewViews(int days);

    /// <summary><c>active_days(window)</c>: distinct local days with any activity.</summary>
    double ActiveDays(int days);

    /// <summary><c>hour_share(from, to, window)</c>: share of activity in local hours [from, to), wrapping past midnight.</summary>
    double HourShare(int fromHour, int toHour, int days);

    /// <summary><c>hour_days(from, to, window)</c>: distinct local days with activity in hours [from, to).</summary>
    double HourDays(int fromHour, int toHour, int days);

    // --- decayed affinities (FeatureFamilies.Affinities) ---

    /// <summary><c>share(category)</c>: the category's share (0–1) of decayed interactions.</summary>
    double Share(string category);

    /// <summary><c>share_ago(category, ago)</c>: the same share as it stood <paramref name="days"/> days ago; NaN without interactions then.</summary>
    double ShareAgo(string category, int days);

    /// <summary><c>label_share(label)</c>: share (0–1) of decayed interactions on products with the label.</summary>
    double LabelShare(string label);

    /// <summary><c>affinity(key)</c>: decayed score of an affinity key (<c>cat:</c>, <c>brand:</c>, <c>price:</c>, <c>label:</c>).</summary>
    double Affinity(string key);

    // --- comments (FeatureFamilies.Comments) ---

    /// <summary><c>intent_count(intent, window, category?)</c>: comments classified with the intent.</summary>
    double IntentCount(string intent, int days, string? category);

    // --- live presence (FeatureFamilies.Presence) ---

    /// <summary><c>dwell(window, category?)</c>: seconds watched in live sessions (presenting the category).</summary>
    double DwellSeconds(int days, string? category);

    /// <summary><c>avg_dwell(window, category?)</c>: average seconds per attended session (presenting the category); 0 without sessions.</summary>
    double AverageDwellSeconds(int days, string? category);

    /// <summary><c>sessions_attended(window, room?)</c>: live sessions attended (in the room).</summary>
    double SessionsAttended(int days, string? room);

    /// <summary><c>max_room_sessions(window)</c>: the most sessions attended in any one room.</summary>
    double MaxRoomSessions(int days);

    /// <summary><c>followed_last_sessions(n)</c>: over followed rooms, the most of a room's last n sessions attended.</summary>
    double FollowedLastSessions(int lastSessions);

    /// <summary><c>follows(room?)</c>: follows the streamer of the room (of any room when null).</summary>
    bool Follows(string? room);

    /// <summary><c>coupon_sessions(window)</c>: attended sessions in which a coupon was claimed.</summary>
    double CouponSessions(int days);

    /// <summary><c>gift_value(window)</c>: CNY of gifts sent.</summary>
    double GiftValue(int days);

    // --- orders (FeatureFamilies.Orders) ---

    /// <summary><c>orders(window?)</c>: paid orders.</summary>
    double Orders(int? days);

    /// <summary><c>spend(window?)</c>: CNY of paid order totals (refunds not deducted).</summary>
    double Spend(int? days);

    /// <summary><c>aov(window?)</c>: spend / orders; 0 without orders.</summary>
    double AverageOrderValue(int? days);

    /// <summary><c>discount_share(window?)</c>: share of orders with a coupon or a discount; 0 without orders.</summary>
    double DiscountShare(int? days);

    /// <summary><c>impulse_orders(window)</c>: orders placed within 5 minutes after clicking the product in a live room.</summary>
    double ImpulseOrders(int days);

    /// <summary><c>premium_order_share(window?)</c>: share of orders above their category's median price; 0 without orders.</summary>
    double PremiumOrderShare(int? days);

    /// <summary><c>repeat_categories(gap, window)</c>: categories with two orders at least gap days apart.</summary>
    double RepeatCategories(int gapDays, int days);

    /// <summary><c>spend_percentile(window)</c>: rank (0–1) of the user's spend among users with orders; NaN without orders.</summary>
    double SpendPercentile(int days);

    // --- time (FeatureFamilies.Clock) ---

    /// <summary><c>days_since_last_activity()</c>: days since the last activity; NaN when never active.</summary>
    double DaysSinceLastActivity();

    /// <summary><c>days_since_registered()</c>: days since registration (or first seen); NaN when neither is known.</summary>
    double DaysSinceRegistered();

    // --- attributes (FeatureFamilies.Attributes) ---

    /// <summary><c>attr(name)</c>: a declared attribute; "" when not declared.</summary>
    string Attribute(string name);

    /// <summary><c>age()</c>: years since the declared birth year; NaN when not declared.</summary>
    double Age();

    // --- models and tags ---

    /// <summary><c>model_score(model)</c>: the score a model set; NaN until a model sets it.</summary>
    double ModelScore(string model);

    /// <summary><c>has_tag(id)</c>: the profile currently carries the tag.</summary>
    bool HasTag(string tagId);
}
