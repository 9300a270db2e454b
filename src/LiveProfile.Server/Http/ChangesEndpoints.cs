using System.Globalization;
using LiveProfile.Engine.Tags;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LiveProfile.Server.Http;

/// <summary>
/// <c>GET /v1/changes</c>: tag changes, live, as Server-Sent Events. A reader resumes with
/// <c>Last-Event-ID</c> (or <c>?after=</c>) from the changes the hub still retains.
/// </summary>
internal static class ChangesEndpoints
{
    public static void MapChanges(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/changes", Open).WithName("StreamTagChanges").WithTags("tags")
            .WithDescription("Server-Sent Events, one per tag change: id = feed sequence, event = added | removed | weight_changed | " +
                "interest_shift, data = JSON. Filter with tag= (exact id, or a prefix ending in ':' or '*'; repeatable), kind= " +
                "(repeatable) and profile= (a raw id). Resume with Last-Event-ID or after=.")
            .Produces<string>(200, "text/event-stream").ProducesProblem(400).ProducesProblem(404);

    private static IResult Open(HttpContext http, EngineRuntime runtime, TenantResolver tenants, TagChangeHub hub, IOptions<ServerOptions> options,
        [FromQuery] string[]? tag, [FromQuery] string[]? kind, string? profile, string? after,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        if (ChangeFilter.TryCreate(tag ?? [], kind ?? [], out var problem) is not { } filter) return problem!;
        if (profile is not null)
        {
            if (!ProfileEndpoints.TryLocate(profile, tenant, runtime, out var id, out _, out problem)) return problem!;
            filter.OnlyProfile(id);
        }
        // The header wins: it is what a reconnecting EventSource sends.
        long? resumeAfter = null;
        if ((lastEventId ?? after) is { Length: > 0 } resume)
        {
            if (!long.TryParse(resume, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return Problems.Of(400, "invalid_after", "Last-Event-ID and after= are the id of the last event received (a non-negative integer)");
            }
            resumeAfter = sequence;
        }
        return new TagChangeStream(hub, filter, resumeAfter, options.Value.ChangeFeedKeepAlive);
    }
}
