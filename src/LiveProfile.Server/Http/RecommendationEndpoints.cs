using LiveProfile.Cluster;
using LiveProfile.Server.Models;

namespace LiveProfile.Server.Http;

/// <summary>
/// <c>GET /v1/rooms/{room}/recommendations?user={id}&amp;limit=</c>: the room's current line-up ranked for one viewer, each
/// product with its reasons (not personalised without the viewer's consent, or without a user);
/// <c>POST /v1/models/items/fit</c> learns the item-to-item model it reads.
/// </summary>
internal static class RecommendationEndpoints
{
    public const int MaxLimit = 200;

    public static void MapRecommendations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/rooms/{room}/recommendations", GetAsync).WithName("GetRecommendations").WithTags("rooms")
            .Produces<RecommendationsAnswer>().ProducesProblem(400).ProducesProblem(404);
        app.MapPost("/v1/models/items/fit", FitAsync).WithName("FitItemNeighbors").WithTags("models").Produces<ItemModelAnswer>();
    }

    private static async Task<IResult> GetAsync(string room, string? user, int? limit, HttpContext http, EngineRuntime runtime, ItemNeighborService items,
        TenantResolver tenants)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        if (room.Length is 0 or > RoomEndpoints.MaxRoomLength || room.Any(char.IsControl))
        {
            return Problems.Of(400, "invalid_room", $"a room id is 1-{RoomEndpoints.MaxRoomLength} characters without control characters");
        }
        var take = limit ?? 10;
        if (take is < 1 or > MaxLimit) return Problems.Of(400, "invalid_limit", $"limit must be 1 to {MaxLimit}");
        ulong? profile = null;
        var partition = 0;
        if (!string.IsNullOrEmpty(user))
        {
            if (!ProfileEndpoints.TryLocate(user, tenant, runtime, out var found, out partition, out var problem)) return problem!;
            profile = found;
        }
        await items.EnsureHandedOverAsync().ConfigureAwait(false);
        // The room's momentum is every partition's clickers together, so that it is the same whoever asks.
        var shares = await Task.WhenAll(Enumerable.Range(0, runtime.EngineOptions.Partitions).Select(p => runtime.Partitions.Grain(p).LineupClicks(room)))
            .ConfigureAwait(false);
        var clicks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var share in shares)
        {
            if (share is null) continue;
            for (var i = 0; i < share.Products.Length; i++) clicks[share.Products[i]] = clicks.GetValueOrDefault(share.Products[i]) + share.Clicks[i];
        }
        var grain = runtime.Partitions.Grain(partition);
        if (await grain.RankLineup(profile, room, new Orleans.Concurrency.Immutable<Dictionary<string, long>>(clicks), take).ConfigureAwait(false)
            is not { } ranking)
        {
            return Problems.Of(404, "no_lineup", $"room {room} has no scheduled session running (catalog.session gives a room its line-up)");
        }
        return Results.Json(new RecommendationsAnswer(room, ranking.Session, profile is { } p ? $"profile:{p:x16}" : null, ranking.Personalised,
            ranking.LineupSize, ranking.Products), ServerJson.Context.RecommendationsAnswer);
    }

    private static async Task<IResult> FitAsync(HttpContext http, ItemNeighborService items, TenantResolver tenants, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        return Results.Json(await items.FitAsync(ct).ConfigureAwait(false), ServerJson.Context.ItemModelAnswer);
    }
}

/// <param name="Personalised">False without a user or without the user's consent to personalisation: the ranking then reads nothing of the profile.</param>
internal sealed record RecommendationsAnswer(string Room, string Session, string? ProfileId, bool Personalised, int LineupSize, RankedProductReply[] Products);
