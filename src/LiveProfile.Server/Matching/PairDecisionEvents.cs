using LiveProfile.Engine.Contract;

namespace LiveProfile.Server.Matching;

/// <summary>
/// The internal events that record a decision about a viewer and an account: the matcher's link or a reviewer's accept
/// (<c>identity.match</c>), and a reviewer's reject (<c>identity.reject</c>). Stamped now, never before the engine's
/// clock, so that they apply after everything already routed.
/// </summary>
internal static class PairDecisionEvents
{
    /// <param name="confidence">The match probability (1 when a reviewer accepted).</param>
    /// <param name="why">The probability and the fields that weighed (<see cref="IdentityMatchingService.Explain"/>).</param>
    public static EventRecord Match(string tenant, Pseudonym viewer, Pseudonym account, double confidence, string why, long watermarkMs) =>
        Pair(EventType.IdentityMatch, "match", tenant, viewer, account, confidence, why, watermarkMs);

    /// <param name="probability">The probability the matcher had given the pair.</param>
    public static EventRecord Reject(string tenant, Pseudonym viewer, Pseudonym account, double probability, long watermarkMs) =>
        Pair(EventType.IdentityReject, "reject", tenant, viewer, account, probability, "rejected in review", watermarkMs);

    private static EventRecord Pair(EventType type, string idPrefix, string tenant, Pseudonym viewer, Pseudonym account, double confidence, string text,
        long watermarkMs)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var e = new EventRecord
        {
            Tenant = tenant, Id = $"{idPrefix}-{Guid.NewGuid():N}", Type = type, TsMs = Math.Max(now, watermarkMs), ReceivedMs = now, Ids = [viewer],
        };
        e.Props.LinkedIds = [account];
        e.Props.Confidence = confidence;
        e.Props.Text = text;
        return e;
    }
}
