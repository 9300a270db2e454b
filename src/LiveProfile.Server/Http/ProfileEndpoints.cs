using System.Globalization;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Views;
using Orleans.Concurrency;

namespace LiveProfile.Server.Http;

/// <summary><c>GET /v1/profiles/{id}</c> and its timeline. Ids are <c>kind:value</c>, e.g. <c>account:u123</c>.</summary>
internal static class ProfileEndpoints
{
    private const int MaxTimeline = 500;

    public static void MapProfiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/profiles/{id}", GetProfileAsync).WithName("GetProfile").WithTags("profiles")
            .Produces<ProfileSummary>().ProducesProblem(400).ProducesProblem(404);
        app.MapGet("/v1/profiles/{id}/timeline", GetTimelineAsync).WithName("GetTimeline").WithTags("profiles")
            .Produces<TimelineAnswer>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(503);
    }

    private static async Task<IResult> GetProfileAsync(string id, HttpContext http, EngineRuntime runtime, TenantResolver tenants)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        if (!TryLocate(id, tenant, runtime, out var profile, out var partition, out var problem)) return problem!;
        var members = runtime.Pipeline.Dispatcher.Members(profile);
        var summary = await runtime.Partitions.Grain(partition)
            .GetProfile(profile, new Immutable<IReadOnlyList<Pseudonym>>(members)).ConfigureAwait(false);
        return summary.Value is { } found
            ? Results.Json(found, ServerJson.Context.ProfileSummary)
            : Problems.Of(404, "profile_not_found", $"no profile has the identifier {id}");
    }

    private static IResult GetTimelineAsync(string id, HttpContext http, EngineRuntime runtime, TenantResolver tenants, int? limit)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        if (limit is < 1 or > MaxTimeline) return Problems.Of(400, "invalid_limit", $"limit must be 1..{MaxTimeline}");
        if (!TryLocate(id, tenant, runtime, out var profile, out _, out var problem)) return problem!;
        var events = ProfileLogScan.Newest(runtime, tenant, profile, limit ?? 50, filter: null, out var from);
        return events is null
            ? LogCompacted(http)
            : Results.Json(new TimelineAnswer($"profile:{profile:x16}", events, from), ServerJson.Context.TimelineAnswer);
    }

    /// <summary>A checkpoint removed the segments being read; the retained log starts later now.</summary>
    internal static IResult LogCompacted(HttpContext http) =>
        Problems.Of(503, "log_compacted", "the log was compacted while reading; retry", TimeSpan.FromSeconds(1), http);

    /// <summary>Resolves <c>kind:value</c> to the canonical profile and its partition.</summary>
    internal static bool TryLocate(string id, string tenant, EngineRuntime runtime, out ulong profile, out int partition, out IResult? problem)
    {
        profile = 0;
        partition = -1;
        problem = null;
        if (!IdentifierText.TrySplit(id, out var kind, out var value) || kind == IdentifierKind.Nickname)
        {
            problem = Problems.Of(400, "invalid_identifier", "use kind:value with kind account, viewer, device, phone or profile");
            return false;
        }
        ulong hash;
        if (kind == IdentifierKind.Profile)
        {
            if (!ulong.TryParse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out hash))
            {
                problem = Problems.Of(400, "invalid_identifier", "a profile id is 16 hex digits");
                return false;
            }
        }
        else
        {
            hash = runtime.Pseudonymizer.Hash(tenant, kind, value);
        }
        (profile, partition) = runtime.Pipeline.Dispatcher.Locate(hash);
        if (profile != 0) return true;
        problem = Problems.Of(404, "profile_not_found", $"no profile has the identifier {id}");
        return false;
    }
}

internal sealed record TimelineAnswer(string ProfileId, IReadOnlyList<TimelineEvent> Events, long ScannedFromLsn);

/// <summary>One event as the timeline shows it: what happened, never the sealed identity.</summary>
internal sealed record TimelineEvent(long Lsn, string Id, string Type, DateTimeOffset Ts, string? Room, string? Session, string? Product,
    string? Text, double? Amount, string? OrderId)
{
    public static TimelineEvent From(long lsn, EventRecord e) => new(lsn, e.Id, e.Type.WireName(), DateTimeOffset.FromUnixTimeMilliseconds(e.TsMs),
        e.Room, e.Session, e.Product, e.Props.Text, e.Props.Total ?? e.Props.Value ?? e.Props.Amount, e.Props.OrderId);
}
