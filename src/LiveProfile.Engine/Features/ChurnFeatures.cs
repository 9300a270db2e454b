using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Features;

/// <summary>
/// What the churn classifier reads of a profile as of the end of a past or present local day, rebuilt from the day
/// windows (kept for <see cref="Profile.RetainedDays"/>) and the purchase days, so that training can take features
/// from 30 or 60 days ago and labels from what followed: "no activity in the next 30 days".
/// </summary>
public static class ChurnFeatures
{
    /// <summary>Only profiles active in these days up to the day can churn after it (the others have already gone).</summary>
    public const int LookbackDays = 90;

    /// <summary>The label's horizon: a profile churned after a day when it shows no activity in the days that follow.</summary>
    public const int HorizonDays = 30;

    public static readonly string[] Names =
    [
        "active_days_7", "active_days_30", "active_days_90", "days_since_active", "events_30", "events_90", "live_events_30",
        "shop_views_30", "cart_adds_30", "orders_90", "spend_90", "dwell_minutes_30", "comments_30", "gifts_90",
        "repeat_purchase_days", "purchase_recency_weeks", "customer_age_weeks", "mean_repeat_spend", "days_known",
    ];

    public static int Count => Names.Length;

    /// <summary>
    /// Fills <paramref name="into"/> with the features at the end of local <paramref name="day"/>; false when the profile
    /// was not active in the lookback (or not yet known).
    /// </summary>
    public static bool TryAt(Profile profile, int day, int utcOffsetMinutes, Span<float> into)
    {
        if (into.Length < Count) throw new ArgumentException($"room for {Count} features", nameof(into));
        if (profile.FirstSeenMinute == int.MaxValue) return false;
        var firstSeen = Time.EventTime.LocalDay(Time.EventTime.FromMinute(profile.FirstSeenMinute), utcOffsetMinutes);
        if (firstSeen > day) return false;
        into[..Count].Clear();
        var lastActive = int.MinValue;
        foreach (var entry in profile.From(day - LookbackDays + 1))
        {
            if (entry.Day > day) break;
            var age = day - entry.Day; // 0 = the day itself
            var recent = age < 30;
            var count = (float)entry.Count;
            switch (entry.Key)
            {
                case FeatureKeys.ActiveDay:
                    lastActive = Math.Max(lastActive, entry.Day);
                    if (age < 7) into[0]++;
                    if (recent) into[1]++;
                    into[2]++;
                    break;
                case < 32 when entry.Key > 0:
                    if (recent) into[4] += count;
                    into[5] += count;
                    var type = (EventType)entry.Key;
                    if (recent && type.IsLive()) into[6] += count;
                    if (recent && type == EventType.ShopView) into[7] += count;
                    if (recent && type == EventType.ShopCartAdd) into[8] += count;
                    if (type == EventType.ShopOrder) into[9] += count;
                    if (recent && type == EventType.LiveComment) into[12] += count;
                    break;
                case FeatureKeys.SpendCents:
                    into[10] += count / 100;
                    break;
                case FeatureKeys.DwellSeconds when recent:
                    into[11] += count / 60;
                    break;
                case FeatureKeys.GiftCents:
                    into[13] += count / 100;
                    break;
            }
        }
        if (lastActive == int.MinValue) return false;
        into[3] = day - lastActive;
        if (profile.RepeatBuyingAt(day) is { } buying)
        {
            into[14] = buying.RepeatDays;
            into[15] = buying.RecencyDays / 7f;
            into[16] = buying.AgeDays / 7f;
            into[17] = (float)buying.MeanRepeatSpend;
        }
        into[18] = day - firstSeen;
        return true;
    }

    /// <summary>Whether the profile was active on any day of (<paramref name="day"/>, <paramref name="day"/> + <see cref="HorizonDays"/>].</summary>
    public static bool ActiveAfter(Profile profile, int day)
    {
        foreach (var entry in profile.From(day + 1))
        {
            if (entry.Day > day + HorizonDays) break;
            if (entry.Key == FeatureKeys.ActiveDay) return true;
        }
        return false;
    }
}
