using LiveProfile.Simulation.Catalog;
using LiveProfile.Simulation.Comments;

namespace LiveProfile.Simulation.Truth;

/// <summary>
/// The default taxonomy's rule tags (spec/taxonomy.md, as written in default-taxonomy.yaml) over
/// a person's true facts. Model tags (<c>churn_risk</c>) are not rule tags and have no truth here.
/// </summary>
internal static class DefaultTagRules
{
    private const double MinutesPerDay = 1440;

    public static List<string> Evaluate(PersonLedger l, TruthContext context, Dictionary<string, double>? facts = null)
    {
        var tags = new List<string>();
        // --- basic
        if (l.Gender == "female") tags.Add("gender:female");
        if (l.Gender == "male") tags.Add("gender:male");
        if (l.BirthYear > 0)
        {
            var age = SimClock.LocalYear(context.NowMs) - l.BirthYear;
            if (age is >= 18 and <= 24) tags.Add("age:18-24");
            else if (age is >= 25 and <= 34) tags.Add("age:25-34");
            else if (age is >= 35 and <= 44) tags.Add("age:35-44");
            else if (age >= 45) tags.Add("age:45+");
        }
        if (l.Province is { } province) tags.Add("region:" + province);
        var since = l.RegisteredMs ?? (l.FirstSeenMs == long.MaxValue ? (long?)null : l.FirstSeenMs);
        if (since is { } s && Math.Max(0, (context.NowMs - s) / 60_000 / MinutesPerDay) < 30) tags.Add("new_user");

        // --- behaviour
        var interest = new bool[PersonLedger.Categories];
        for (var c = 0; c < PersonLedger.Categories; c++)
        {
            interest[c] = Share(l, c) >= 0.3 && l.Interactions30ByCategory[c] >= 5;
            if (facts is not null && l.Decayed[c] > 0)
            {
                var id = CatalogData.Categories[c].Id;
                facts[$"share('{id}')"] = Math.Round(Share(l, c), 4);
                facts[$"interactions(30d, '{id}')"] = l.Interactions30ByCategory[c];
                if (l.DecayedWeekAgoTotal > 0) facts[$"share_ago('{id}', 7d)"] = Math.Round(l.DecayedWeekAgo[c] / l.DecayedWeekAgoTotal, 4);
            }
            if (interest[c]) tags.Add("interest:" + CatalogData.Categories[c].Id);
        }
        var applianceSessions = 0;
        var applianceDwell = 0.0;
        var dwell30 = 0.0;
        var sessions30 = 0;
        var couponSessions30 = 0;
        var perRoom = new Dictionary<int, int>();
        foreach (var a in l.Sessions.Values)
        {
            if (Today(context) - a.Day is < 0 or >= 30) continue;
            sessions30++;
            dwell30 += a.DwellSeconds;
            if (a.ClaimedCoupon) couponSessions30++;
            perRoom[a.Room] = perRoom.GetValueOrDefault(a.Room) + 1;
            if (a.PresentsAppliance)
            {
                applianceSessions++;
                applianceDwell += a.DwellSeconds;
            }
        }
        var avgApplianceDwell = applianceSessions == 0 ? 0 : applianceDwell / applianceSessions;
        if (l.ApplianceViews30 >= 3 && (l.ApplianceProducts30?.Count ?? 0) >= 2 && l.ApplianceQuestions30 >= 2 && avgApplianceDwell >= 600)
        {
            tags.Add("appliance_researcher");
        }
        var nightShare = l.HourEvents30 == 0 ? 0 : l.NightEvents30 / (double)l.HourEvents30;
        if (nightShare >= 0.6 && System.Numerics.BitOperations.PopCount(l.NightDays30) >= 3) tags.Add("night_owl");
        var maxRoom = perRoom.Count == 0 ? 0 : perRoom.Values.Max();
        if (context.FollowedLastSessions(l, 5) >= 3 || maxRoom >= 4) tags.Add("loyal_fan");
        if (dwell30 >= 3600 && l.Comments30 + l.Likes30 + l.Gifts30 == 0) tags.Add("silent_watcher");
        if (l.Comments30 >= 20 && Divide(l.Comments30, dwell30 / 3600) >= 3) tags.Add("active_chatter");
        if (l.GiftValue30 >= 100) tags.Add("gift_giver");
        if (l.Shares30 >= 3) tags.Add("sharer");

        // --- spending
        var rank = context.SpendRank(l.Spend180);
        if (l.Orders180 >= 3 && l.Spend180 >= 2000 || rank >= 0.9) tags.Add("high_value");
        if (l.Orders >= 2 && Divide(l.Discounted, l.Orders) >= 0.5 || l.Intents30[(int)Intent.AskPrice] >= 3
            || sessions30 >= 2 && Divide(couponSessions30, sessions30) >= 0.5)
        {
            tags.Add("price_sensitive");
        }
        if (l.Impulse30 >= 2) tags.Add("impulse_buyer");
        if (l.Orders >= 2 && Divide(l.Spend, l.Orders) >= 1000) tags.Add("big_ticket");
        var repeated = 0;
        for (var c = 0; c < PersonLedger.Categories; c++) if (l.LastOrderDay180[c] - l.FirstOrderDay180[c] >= 7 && l.FirstOrderDay180[c] != int.MaxValue) repeated++;
        if (repeated >= 1) tags.Add("repeat_buyer");
        if (l.LastActivityMs != long.MinValue && Math.Max(0, (context.NowMs - l.LastActivityMs) / 60_000 / MinutesPerDay) >= 60) tags.Add("dormant");

        // --- content
        if (l.Intents30[(int)Intent.AskIngredient] >= 3) tags.Add("ingredient_focused");
        if (Ratio(l.DecayedGuochao, l.DecayedTotal) >= 0.4 && l.Interactions30 >= 5) tags.Add("guochao_lover");
        if (facts is not null)
        {
            facts["label_share('国潮')"] = Math.Round(Ratio(l.DecayedGuochao, l.DecayedTotal), 4);
            facts["interactions(30d)"] = l.Interactions30;
            facts["intent_count('ask_review', 30d)"] = l.Intents30[(int)Intent.AskReview];
            facts["intent_count('ask_price', 30d)"] = l.Intents30[(int)Intent.AskPrice];
            facts["review_views(30d)"] = l.ReviewViews30;
        }
        if (l.Intents30[(int)Intent.AskReview] >= 3 || l.ReviewViews30 >= 3) tags.Add("review_focused");
        if (couponSessions30 >= 3) tags.Add("promotion_hunter");
        if (l.Orders >= 2 && Divide(l.Premium, l.Orders) >= 0.7) tags.Add("quality_seeker");
        for (var c = 0; c < PersonLedger.Categories; c++)
        {
            var share = Share(l, c);
            if (l.DecayedWeekAgoTotal <= 0 || interest[c]) continue; // share_ago absent: no shift without history
            var ago = l.DecayedWeekAgo[c] / l.DecayedWeekAgoTotal;
            if (share >= 0.15 && share >= 3 * ago) tags.Add("potential:" + CatalogData.Categories[c].Id);
        }
        return tags;
    }

    private static int Today(TruthContext context) => SimClock.LocalDay(context.NowMs);

    private static double Share(PersonLedger l, int category) => Ratio(l.Decayed[category], l.DecayedTotal);

    private static double Ratio(double part, double total) => total <= 0 ? 0 : part / total;

    private static double Divide(double a, double b) => b == 0 ? 0 : a / b;
}
