using LiveProfile.Cluster;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Tags;

namespace LiveProfile.Server.Http;

/// <summary><c>GET /v1/profiles/{id}/explain/{tag}</c>: why a tag holds or not, with the facts, thresholds and the events behind them.</summary>
internal static class ExplainEndpoints
{
    /// <summary>Decisive events: the newest few of the types the tag reads, within the longest window the catalogue offers.</summary>
    private const int MaxDecisiveEvents = 20;
    private static readonly long DecisiveWindowMs = (long)TimeSpan.FromDays(180).TotalMilliseconds;

    public static void MapExplain(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/profiles/{id}/explain/{tag}", ExplainAsync).WithName("ExplainTag").WithTags("profiles", "tags")
            .Produces<ExplainAnswer>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(503);

    private static async Task<IResult> ExplainAsync(string id, string tag, HttpContext http, EngineRuntime runtime, TenantResolver tenants, TagRuntime tags)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        if (!ProfileEndpoints.TryLocate(id, tenant, runtime, out var profile, out var partition, out var problem)) return problem!;
        if (tags.Current.Find(tag) is null) return TagNotFound(tag, tags.Current.Version);
        var reply = await runtime.Partitions.Grain(partition).Explain(profile, tag).ConfigureAwait(false);
        switch (reply.Status)
        {
            case ExplainStatus.ProfileNotFound:
                return Problems.Of(404, "profile_not_found", $"no profile has the identifier {id}");
            case ExplainStatus.TagNotFound:
                return TagNotFound(tag, tags.Current.Version);
        }
        var explanation = reply.Explanation!;
        var events = DecisiveEvents(runtime, tenant, profile, explanation);
        if (events is null) return ProfileEndpoints.LogCompacted(http);
        return Results.Json(ExplainAnswer.From($"profile:{profile:x16}", explanation, events), ServerJson.Context.ExplainAnswer);
    }

    private static IResult TagNotFound(string tag, int version) =>
        Problems.Of(404, "tag_not_found", $"taxonomy v{version} has no tag '{tag}' (GET /v1/taxonomy lists them)");

    private static List<TimelineEvent>? DecisiveEvents(EngineRuntime runtime, string tenant, ulong profile, TagExplanationDto explanation)
    {
        if (explanation.InputEventTypes.Length == 0) return []; // attributes and model scores only: no event decides it
        var types = explanation.InputEventTypes.ToHashSet(StringComparer.Ordinal);
        var since = explanation.AtMs - DecisiveWindowMs;
        return ProfileLogScan.Newest(runtime, tenant, profile, MaxDecisiveEvents,
            e => e.TsMs >= since && e.TsMs <= explanation.AtMs && types.Contains(e.Type.WireName()), out _);
    }
}
