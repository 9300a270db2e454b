using System.Globalization;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Tags.Language;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>
/// In-memory <see cref="IFeatureContext"/>: values are keyed by the canonical text of the call
/// (as <see cref="TagExpression.Text"/> prints it), e.g. <c>share('beauty')</c> or
/// <c>count('live.comment', 30d)</c>. Unset numbers are 0, except the absent-by-default ones
/// (model scores, age, days since, spend percentile), which are NaN. Durations are in seconds.
/// </summary>
internal sealed class FakeFeatureContext : IFeatureContext
{
    private readonly Dictionary<string, double> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _bools = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    /// <summary>Values for calls nothing was set for (random contexts in property tests).</summary>
    public Func<string, double>? NumberFallback { get; init; }
    public Func<string, string>? TextFallback { get; init; }
    public Func<string, bool>? FlagFallback { get; init; }

    public FakeFeatureContext Set(string call, double value)
    {
        _numbers[call] = value;
        return this;
    }

    public FakeFeatureContext Set(string call, string value)
    {
        _strings[call] = value;
        return this;
    }

    public FakeFeatureContext Set(string call, bool value)
    {
        _bools[call] = value;
        return this;
    }

    /// <summary>Applies facts written <c>call = value</c>: numbers (with an optional s/m/h/d unit for durations), 'strings', true/false.</summary>
    public FakeFeatureContext With(params string[] facts)
    {
        foreach (var fact in facts)
        {
            var at = fact.LastIndexOf(" = ", StringComparison.Ordinal);
            var call = fact[..at].Trim();
            var value = fact[(at + 3)..].Trim();
            if (value is "true" or "false") Set(call, value == "true");
            else if (value.StartsWith('\'')) Set(call, value[1..^1]);
            else if (value == "NaN") Set(call, double.NaN);
            else
            {
                var unit = value[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
                var number = unit == 0 ? value : value[..^1];
                Set(call, double.Parse(number, CultureInfo.InvariantCulture) * (unit == 0 ? 1 : unit));
            }
        }
        return this;
    }

    private static string Q(string text) => TagValue.Quote(text);

    private static string D(int days) => $"{days}d";

    private double Number(string call, double absent = 0)
    {
        Calls.Add(call);
        return _numbers.TryGetValue(call, out var value) ? value : NumberFallback?.Invoke(call) ?? absent;
    }

    private bool Flag(string call)
    {
        Calls.Add(call);
        return _bools.TryGetValue(call, out var value) ? value : FlagFallback?.Invoke(call) ?? false;
    }

    private static string Optional(string? text) => text is null ? "" : ", " + Q(text);

    private static string OptionalDays(int? days) => days is null ? "" : D(days.Value);

    public double Count(EventType type, int days) => Number($"count({Q(type.WireName())}, {D(days)})");
    public double Interactions(int days, string? category) => Number($"interactions({D(days)}{Optional(category)})");
    public double ProductViews(string category, int days) => Number($"product_views({Q(category)}, {D(days)})");
    public double DistinctProducts(string category, int days) => Number($"distinct_products({Q(category)}, {D(days)})");
    public double ReviewViews(int days) => Number($"review_views({D(days)})");
    public double ActiveDays(int days) => Number($"active_days({D(days)})");
    public double HourShare(int fromHour, int toHour, int days) => Number($"hour_share({fromHour}, {toHour}, {D(days)})");
    public double HourDays(int fromHour, int toHour, int days) => Number($"hour_days({fromHour}, {toHour}, {D(days)})");
    public double Share(string category) => Number($"share({Q(category)})");
    public double ShareAgo(string category, int days) => Number($"share_ago({Q(category)}, {D(days)})");
    public double LabelShare(string label) => Number($"label_share({Q(label)})");
    public double Affinity(string key) => Number($"affinity({Q(key)})");
    public double IntentCount(string intent, int days, string? category) => Number($"intent_count({Q(intent)}, {D(days)}{Optional(category)})");
    public double DwellSeconds(int days, string? category) => Number($"dwell({D(days)}{Optional(category)})");
    public double AverageDwellSeconds(int days, string? category) => Number($"avg_dwell({D(days)}{Optional(category)})");
    public double SessionsAttended(int days, string? room) => Number($"sessions_attended({D(days)}{Optional(room)})");
    public double MaxRoomSessions(int days) => Number($"max_room_sessions({D(days)})");
    public double FollowedLastSessions(int lastSessions) => Number($"followed_last_sessions({lastSessions})");
    public bool Follows(string? room) => Flag(room is null ? "follows()" : $"follows({Q(room)})");
    public double CouponSessions(int days) => Number($"coupon_sessions({D(days)})");
    public double GiftValue(int days) => Number($"gift_value({D(days)})");
    public double Orders(int? days) => Number($"orders({OptionalDays(days)})");
    public double Spend(int? days) => Number($"spend({OptionalDays(days)})");
    public double AverageOrderValue(int? days) => Number($"aov({OptionalDays(days)})");
    public double DiscountShare(int? days) => Number($"discount_share({OptionalDays(days)})");
    public double ImpulseOrders(int days) => Number($"impulse_orders({D(days)})");
    public double PremiumOrderShare(int? days) => Number($"premium_order_share({OptionalDays(days)})");
    public double RepeatCategories(int gapDays, int days) => Number($"repeat_categories({D(gapDays)}, {D(days)})");
    public double SpendPercentile(int days) => Number($"spend_percentile({D(days)})", double.NaN);
    public double DaysSinceLastActivity() => Number("days_since_last_activity()", double.NaN);
    public double DaysSinceRegistered() => Number("days_since_registered()", double.NaN);

    public string Attribute(string name)
    {
        var call = $"attr({Q(name)})";
        Calls.Add(call);
        return _strings.TryGetValue(call, out var value) ? value : TextFallback?.Invoke(call) ?? "";
    }

    public double Age() => Number("age()", double.NaN);
    public double ModelScore(string model) => Number($"model_score({Q(model)})", double.NaN);
    public bool HasTag(string tagId) => Flag($"has_tag({Q(tagId)})");
}
