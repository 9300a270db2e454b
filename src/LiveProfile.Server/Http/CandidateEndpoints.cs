using LiveProfile.Engine.Contract;
using LiveProfile.Server.Matching;
using Microsoft.Extensions.Options;

namespace LiveProfile.Server.Http;

/// <summary>
/// The identity matcher's review queue and its runs:
/// <c>GET /v1/identity/candidates</c> (most probable first, each with the fields that weighed),
/// <c>POST /v1/identity/candidates/{id}/accept</c> (logged as an <c>identity.match</c>: the two are one person),
/// <c>POST /v1/identity/candidates/{id}/reject</c> (logged as an <c>identity.reject</c>: kept apart for good, never proposed again),
/// <c>POST /v1/identity/matching/run</c> (a pass now) and <c>GET /v1/identity/matching</c> (the last pass and the thresholds).
/// </summary>
internal static class CandidateEndpoints
{
    public const int MaxLimit = 500;

    public static void MapCandidates(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/identity/candidates", List).WithName("ListMatchCandidates").WithTags("identity")
            .Produces<CandidatePage>().ProducesProblem(400);
        app.MapPost("/v1/identity/candidates/{id}/accept", AcceptAsync).WithName("AcceptMatchCandidate").WithTags("identity")
            .Produces<LinkAnswer>().ProducesProblem(404).ProducesProblem(409);
        app.MapPost("/v1/identity/candidates/{id}/reject", RejectAsync).WithName("RejectMatchCandidate").WithTags("identity")
            .Produces<RejectAnswer>().ProducesProblem(404).ProducesProblem(409);
        app.MapPost("/v1/identity/matching/run", RunAsync).WithName("RunIdentityMatching").WithTags("identity").Produces<MatchingAnswer>();
        app.MapGet("/v1/identity/matching", Status).WithName("GetIdentityMatching").WithTags("identity").Produces<MatchingAnswer>();
    }

    private static IResult List(HttpContext http, IdentityMatchingService matching, TenantResolver tenants, int? offset, int? limit)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        if (limit is < 1 or > MaxLimit) return Problems.Of(400, "invalid_limit", $"limit is 1 to {MaxLimit}");
        if (offset is < 0) return Problems.Of(400, "invalid_offset", "offset is 0 or more");
        var (page, total) = matching.Queue(tenant).Page(offset ?? 0, limit ?? 50);
        return Results.Json(new CandidatePage([.. page.Select(Answer)], total, matching.LastPass(tenant)), ServerJson.Context.CandidatePage);
    }

    private static async Task<IResult> AcceptAsync(string id, HttpContext http, IdentityMatchingService matching, EngineRuntime runtime,
        TenantResolver tenants, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        if (Open(id, tenant, matching, runtime, out var candidate) is { } problem) return problem;
        var why = $"accepted in review (matcher {IdentityMatchingService.Explain(candidate.Probability, candidate.Fields)})";
        var e = PairDecisionEvents.Match(tenant, candidate.Viewer, candidate.Account, 1, why, runtime.Pipeline.Dispatcher.WatermarkMs);
        var lsn = await runtime.Pipeline.AppendInternalAsync(e, ct).ConfigureAwait(false);
        matching.Queue(tenant).Remove(candidate, accepted: true);
        var dispatcher = runtime.Pipeline.Dispatcher;
        var profile = dispatcher.Locate(candidate.Account.Hash).Profile;
        return Results.Json(new LinkAnswer($"profile:{profile:x16}", [.. dispatcher.Members(profile).Select(m => m.ToString())], lsn),
            ServerJson.Context.LinkAnswer);
    }

    private static async Task<IResult> RejectAsync(string id, HttpContext http, IdentityMatchingService matching, EngineRuntime runtime,
        TenantResolver tenants, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        if (Open(id, tenant, matching, runtime, out var candidate) is { } problem) return problem;
        var e = PairDecisionEvents.Reject(tenant, candidate.Viewer, candidate.Account, candidate.Probability, runtime.Pipeline.Dispatcher.WatermarkMs);
        var lsn = await runtime.Pipeline.AppendInternalAsync(e, ct).ConfigureAwait(false);
        matching.Queue(tenant).Remove(candidate, accepted: false);
        return Results.Json(new RejectAnswer(candidate.Id, candidate.Viewer.ToString(), candidate.Account.ToString(), lsn), ServerJson.Context.RejectAnswer);
    }

    /// <summary>The candidate, when it is still there to decide: known, not kept apart, the viewer not linked to an account since.</summary>
    private static IResult? Open(string id, string tenant, IdentityMatchingService matching, EngineRuntime runtime, out ReviewCandidate candidate)
    {
        if (matching.Queue(tenant).Find(id) is not { } found)
        {
            candidate = null!;
            return Problems.Of(404, "unknown_candidate", $"no candidate {id} waits for review (GET /v1/identity/candidates lists them)");
        }
        candidate = found;
        var dispatcher = runtime.Pipeline.Dispatcher;
        if (dispatcher.KeptApart(candidate.Viewer.Hash, candidate.Account.Hash))
        {
            return Problems.Of(409, "kept_apart", $"{candidate.Viewer} and {candidate.Account} were kept apart since the candidate was found");
        }
        var viewerProfile = dispatcher.Locate(candidate.Viewer.Hash).Profile;
        if (dispatcher.Members(viewerProfile).Any(m => m.Kind == IdentifierKind.Account))
        {
            matching.Queue(tenant).Remove(candidate, accepted: true);
            return Problems.Of(409, "already_linked", $"{candidate.Viewer} was linked to an account since the candidate was found (GET /v1/identity/{candidate.Viewer})");
        }
        return null;
    }

    private static async Task<IResult> RunAsync(HttpContext http, IdentityMatchingService matching, TenantResolver tenants, IOptions<ServerOptions> options,
        CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        var reports = await matching.RunAsync(ct).ConfigureAwait(false);
        return Results.Json(Describe(tenant, matching, reports.FirstOrDefault(r => r.Tenant == tenant), options.Value), ServerJson.Context.MatchingAnswer);
    }

    private static IResult Status(HttpContext http, IdentityMatchingService matching, TenantResolver tenants, IOptions<ServerOptions> options)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        return Results.Json(Describe(tenant, matching, matching.LastPass(tenant), options.Value), ServerJson.Context.MatchingAnswer);
    }

    private static MatchingAnswer Describe(string tenant, IdentityMatchingService matching, MatchingPassReport? pass, ServerOptions options) =>
        new(options.IdentityAutoLinkAt, options.IdentityReviewAt, options.IdentityMatchInterval, matching.Queue(tenant).Count, pass);

    private static CandidateAnswer Answer(ReviewCandidate c) => new(c.Id, c.Viewer.ToString(), c.Account.ToString(), c.Probability, c.Rivals, c.Why,
        c.FoundAt, [.. c.Fields.Select(f => new CandidateFieldAnswer(IdentityMatchingService.Name(f.Field), f.Level, Math.Round(f.Weight, 2)))]);
}

/// <param name="LastPass">The last matching pass over the tenant (null before the first).</param>
internal sealed record CandidatePage(CandidateAnswer[] Candidates, int Total, MatchingPassReport? LastPass);

/// <param name="Rivals">Other accounts in the running for the same viewer (each its own candidate).</param>
/// <param name="Why">Why the matcher did not link it on its own.</param>
/// <param name="Fields">Each field's level and weight in bits (log2 m/u): positive for, negative against.</param>
internal sealed record CandidateAnswer(string Id, string Viewer, string Account, double Probability, int Rivals, string Why, DateTimeOffset FoundAt,
    CandidateFieldAnswer[] Fields);

internal sealed record CandidateFieldAnswer(string Field, string Level, double Weight);

internal sealed record RejectAnswer(string Rejected, string Viewer, string Account, long Lsn);

/// <param name="Interval">How often a pass runs on its own (zero: only when asked).</param>
internal sealed record MatchingAnswer(double AutoLinkAt, double ReviewAt, TimeSpan Interval, int ToReview, MatchingPassReport? LastPass);
