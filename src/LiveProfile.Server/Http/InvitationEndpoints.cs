namespace LiveProfile.Server.Http;

/// <summary>
/// <c>POST /v1/sessions/{session}/invitations {"limit": n}</c>: for a scheduled session, the people most likely to come
/// and buy from its line-up, marketing consent required, best first with their reasons; every partition proposes its
/// best and the answer keeps the best of all.
/// </summary>
internal static class InvitationEndpoints
{
    public const int MaxLimit = 100_000;

    public static void MapInvitations(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/sessions/{session}/invitations", InviteAsync).WithName("Invite").WithTags("rooms")
            .Accepts<InvitationRequest>("application/json").Produces<InvitationAnswer>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(415);

    private static async Task<IResult> InviteAsync(string session, HttpContext http, EngineRuntime runtime, TenantResolver tenants, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        var limit = 100;
        if (http.Request.ContentLength is not 0 && (http.Request.ContentLength is > 0 || http.Request.Headers.ContentType.Count > 0))
        {
            var (body, problem) = await JsonBodies.ReadAsync(http, ServerJson.Context.InvitationRequest, ct).ConfigureAwait(false);
            if (problem is not null) return problem;
            limit = body?.Limit ?? limit;
        }
        if (limit is < 1 or > MaxLimit) return Problems.Of(400, "invalid_limit", $"limit must be 1 to {MaxLimit}");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var replies = await Task.WhenAll(Enumerable.Range(0, runtime.EngineOptions.Partitions).Select(p => runtime.Partitions.Grain(p).Invitees(session, limit)))
            .ConfigureAwait(false);
        if (replies.All(r => r is null)) return Problems.Of(404, "session_not_found", $"no scheduled session {session} (catalog.session schedules one)");
        var invitees = replies.Where(r => r is not null).SelectMany(r => r!.Profiles.Select((id, i) =>
                new InviteeAnswer($"profile:{id:x16}", r.Scores[i], r.Attend[i], r.Buy[i], r.Reasons[i])))
            .OrderByDescending(i => i.Score).ThenBy(i => i.ProfileId, StringComparer.Ordinal).Take(limit).ToArray();
        return Results.Json(new InvitationAnswer(session, replies.Sum(r => r?.Scored ?? 0), invitees, watch.Elapsed.TotalMilliseconds),
            ServerJson.Context.InvitationAnswer);
    }
}

internal sealed record InvitationRequest(int? Limit);

/// <param name="CandidatesScored">Profiles the tag bitmaps let through and that consented to marketing: the ones scored.</param>
internal sealed record InvitationAnswer(string Session, int CandidatesScored, InviteeAnswer[] Invitees, double Milliseconds);

/// <param name="Attend">How likely to come (interest in the line-up's categories, earlier sessions of the room, recency), 0-1.</param>
/// <param name="Buy">How likely to buy (orders, and the customer-value model's P(alive) when fitted), 0-1.</param>
internal sealed record InviteeAnswer(string ProfileId, double Score, double Attend, double Buy, string[] Reasons);
