using LiveProfile.Engine.Features;
using LiveProfile.Engine.Segments;
using LiveProfile.Engine.Tags;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Pre-live invitations: the people of this partition most likely to come to a scheduled session and buy from its
/// line-up. Candidates come from the tag bitmaps first (interest in a line-up category, a loyal fan, or dormant: the
/// people to win back), so that a session over millions of profiles scores only the plausible ones; only profiles that consented to marketing are
/// kept. Dormant profiles that never answered an invitation are left out: those invited before (<c>marketing.invite</c>)
/// who came to none of the sessions, and those never invited who never came to a live room either.
/// </summary>
public sealed partial class PartitionEngine
{
    public const double InterestWeight = 0.4, RoomHistoryWeight = 0.4, RecencyWeight = 0.2;

    /// <summary>
    /// The top <paramref name="limit"/> invitees of <paramref name="session"/> here, best first; null when the session is
    /// not scheduled. <paramref name="scored"/> says how many candidates the bitmaps let through.
    /// </summary>
    public List<Invitee>? Invitees(string session, int limit, out int scored)
    {
        scored = 0;
        if (!World.Sessions.TryGetValue(session, out var scheduled)) return null;
        var categories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var product in scheduled.Products)
        {
            if (World.TryGetProduct(product, out var info)) categories.Add(info.CategoryPath.Split('/')[0]);
        }
        var expression = string.Join(" or ", categories.Order(StringComparer.Ordinal).Select(c => $"interest:{c}").Append("loyal_fan").Append("dormant"));
        var prefilter = SegmentParser.Parse(expression, new TaxonomyVocabulary(_taxonomy, acceptUnknown: true));
        var categoryKeys = categories.Select(c => World.Keys.TryGet("cat:" + c, out var k) ? k : -1).Where(k => k >= 0).ToArray();
        var room = World.TryRoomKey(scheduled.Room, out var roomKey) ? roomKey : -1;
        var dormant = TagKeys.TryGet("dormant", out var dormantTag) ? dormantTag : -1;
        var today = Today ?? 0;
        var best = new PriorityQueue<Invitee, double>(limit + 1);
        using var members = SegmentEvaluator.Evaluate(prefilter, Bitmaps);
        foreach (var ordinal in members.Values)
        {
            if (_byOrdinal[(int)ordinal] is not { } profile || !profile.Consent.HasFlag(Consent.Marketing)) continue;
            var attended = profile.Attendance;
            var answers = profile.InvitationAnswers(today);
            if (dormant >= 0 && profile.HasTag(dormant) && NeverAnswers(answers, attended)) continue;
            scored++;
            var invitee = Score(profile, categoryKeys, room, today, attended, answers);
            best.Enqueue(invitee, invitee.Score);
            if (best.Count > limit) best.Dequeue();
        }
        var top = new List<Invitee>(best.Count);
        while (best.Count > 0) top.Add(best.Dequeue());
        top.Reverse();
        return top;
    }

    private static bool NeverAnswers((int Invited, int Answered) answers, ReadOnlySpan<SessionAttendance> attended) =>
        answers.Answered == 0 && (answers.Invited > 0 || attended.Length == 0);

    private Invitee Score(Profile profile, int[] categoryKeys, int room, int today, ReadOnlySpan<SessionAttendance> attended,
        (int Invited, int Answered) answers)
    {
        var interest = 0.0;
        if (profile.InteractionScore > 0)
        {
            foreach (var entry in profile.Affinities)
            {
                if (Array.IndexOf(categoryKeys, entry.Key) >= 0) interest += entry.Value / profile.InteractionScore;
            }
        }
        interest = Math.Min(1, interest);
        var sessionsHere = 0;
        foreach (var a in attended) if (a.Room == room) sessionsHere++;
        var roomHistory = Math.Min(1, sessionsHere / 3.0);
        var lastSeenDay = profile.LastSeenMinute == int.MinValue ? today - 365 : Time.EventTime.LocalDay(Time.EventTime.FromMinute(profile.LastSeenMinute), Options.LocalUtcOffsetMinutes);
        var recency = Math.Exp(-Math.Max(0, today - lastSeenDay) / 14.0);
        var attend = InterestWeight * interest + RoomHistoryWeight * roomHistory + RecencyWeight * recency;
        // Someone who answers invitations is likelier to answer this one: scale by the smoothed answer rate (½ to 1½).
        if (answers.Invited > 0) attend = Math.Min(1, attend * (0.5 + (answers.Answered + 1.0) / (answers.Invited + 2.0)));
        // Buying: a buyer counts more, and less as the customer-value model finds it likely gone.
        var alive = profile.ModelScoreOf(World.Keys.TryGet("model:p_alive", out var model) ? model : -1);
        var buy = profile.Orders == 0 ? 0.2 : (0.5 + 0.5 * Math.Min(1, profile.Orders / 5.0)) * (double.IsNaN(alive) ? 1 : alive);
        var score = attend * (0.5 + 0.5 * buy);
        var reasons = new List<string>(4);
        if (interest > 0) reasons.Add($"interest in the line-up's categories ({interest:P0} of interactions)");
        if (sessionsHere > 0) reasons.Add($"came to {sessionsHere} earlier session(s) of the room");
        if (answers.Invited > 0) reasons.Add($"answered {answers.Answered} of {answers.Invited} invitation(s)");
        if (profile.Orders > 0) reasons.Add($"{profile.Orders} order(s)");
        return new Invitee(profile.Id, score, attend, buy, reasons);
    }
}

/// <summary>An invitee: the profile, its score (likely to attend × likely to buy) with both parts, and why.</summary>
public sealed record Invitee(ulong Profile, double Score, double Attend, double Buy, IReadOnlyList<string> Reasons);
