using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;

namespace LiveProfile.Server.Http;

/// <summary>
/// <c>GET /v1/identity/{id}</c>: a profile's identity graph: its identifiers (pseudonymised, as everywhere) and its
/// lineage, each join with the identifiers it joined, why, with what confidence, when and by which logged event, and the
/// links unmerges cut.
/// </summary>
internal static class IdentityEndpoints
{
    public static void MapIdentity(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/identity/{id}", Get).WithName("GetIdentity").WithTags("identity")
            .Produces<IdentityAnswer>().ProducesProblem(400).ProducesProblem(404);

    private static IResult Get(string id, HttpContext http, EngineRuntime runtime, TenantResolver tenants)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        if (!ProfileEndpoints.TryLocate(id, tenant, runtime, out var profile, out _, out var problem)) return problem!;
        var dispatcher = runtime.Pipeline.Dispatcher;
        var members = dispatcher.Members(profile);
        var kinds = members.ToDictionary(m => m.Hash, m => m.Kind);
        string Name(ulong hash) => kinds.TryGetValue(hash, out var kind) ? new Pseudonym(kind, hash).ToString() : Other(hash);
        string Other(ulong hash) => dispatcher.Members(dispatcher.Locate(hash).Profile).FirstOrDefault(m => m.Hash == hash) is { Hash: not 0 } other
            ? other.ToString() : $"unknown:{hash:x16}";
        var whys = 0;
        var links = dispatcher.Links(profile).Select(l => new IdentityLinkAnswer(Name(l.From), Name(l.To), Wire(l.Source), l.Confidence,
            DateTimeOffset.FromUnixTimeMilliseconds(l.AtMs), l.Lsn, l.Merged,
            l.Source == LinkSource.Matcher && whys++ < MaxWhys ? Why(runtime, l.Lsn) : null)).ToArray();
        // A rejected candidate is a cut of a link never made: the cut and the "link" are the same log record.
        var cuts = dispatcher.Cuts(profile).Select(c => new CutLinkAnswer(Name(c.Link.From), Name(c.Link.To),
            c.Link.Lsn == c.Lsn ? "review" : Wire(c.Link.Source), c.Link.Lsn, DateTimeOffset.FromUnixTimeMilliseconds(c.AtMs), c.Lsn)).ToArray();
        return Results.Json(new IdentityAnswer($"profile:{profile:x16}", [.. members.Select(m => m.ToString())], links, cuts),
            ServerJson.Context.IdentityAnswer);
    }

    /// <summary>Matcher links whose reasons are read back from the log per answer (each read is a log seek).</summary>
    private const int MaxWhys = 32;

    /// <summary>Why the matcher linked: the reasons its <c>identity.match</c> carries, read from the log.</summary>
    private static string? Why(EngineRuntime runtime, long lsn)
    {
        if (lsn < runtime.Log.FirstLsn) return null;
        foreach (var (at, e) in runtime.Log.ReadFrom(lsn)) return at == lsn && e.Type == EventType.IdentityMatch ? e.Props.Text : null;
        return null;
    }

    private static string Wire(LinkSource source) => source switch
    {
        LinkSource.IdentityLink => "identity.link",
        LinkSource.Matcher => "identity.match",
        _ => "event",
    };
}

/// <param name="Links">In log order: what joined what, why, how sure, when, and the log position of the event that did.</param>
/// <param name="Cuts">Links unmerges cut from these identifiers: their ends are kept apart for good.</param>
internal sealed record IdentityAnswer(string Profile, string[] Identifiers, IdentityLinkAnswer[] Links, CutLinkAnswer[] Cuts);

/// <param name="LinkLsn">The log position of the event that had made the link.</param>
/// <param name="Lsn">The log position of the unmerge that cut it.</param>
internal sealed record CutLinkAnswer(string From, string To, string Source, long LinkLsn, DateTimeOffset At, long Lsn);

/// <param name="Merged">The join brought two existing profiles together (their states were merged).</param>
/// <param name="Why">For the matcher's links: the probability and the fields that weighed (or "accepted in review …").</param>
internal sealed record IdentityLinkAnswer(string From, string To, string Source, float Confidence, DateTimeOffset At, long Lsn, bool Merged, string? Why = null);
