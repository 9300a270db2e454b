using LiveProfile.Server.Rooms;

namespace LiveProfile.Server.Http;

/// <summary>
/// <c>GET /v1/rooms/{room}/variant?user={id}</c>: the view of a live room for one viewer (<c>expert</c>, <c>newcomer</c>, …)
/// from the variant table (<see cref="ViewVariants"/>), with the rule and the reason, and the facts it was chosen on.
/// </summary>
internal static class VariantEndpoints
{
    public static void MapVariants(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/rooms/{room}/variant", GetAsync).WithName("GetViewVariant").WithTags("rooms")
            .Produces<VariantAnswer>().ProducesProblem(400).ProducesProblem(404);

    private static async Task<IResult> GetAsync(string room, string? user, HttpContext http, EngineRuntime runtime, ViewVariants variants, TenantResolver tenants)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        if (room.Length is 0 or > RoomEndpoints.MaxRoomLength || room.Any(char.IsControl))
        {
            return Problems.Of(400, "invalid_room", $"a room id is 1-{RoomEndpoints.MaxRoomLength} characters without control characters");
        }
        if (string.IsNullOrEmpty(user)) return Problems.Of(400, "missing_user", "give the viewer as user= (e.g. viewer:dy_998 or account:u123)");
        if (!ProfileEndpoints.TryLocate(user, tenant, runtime, out var profile, out var partition, out var problem)) return problem!;
        if (await runtime.Partitions.Grain(partition).ViewerFacts(profile, room).ConfigureAwait(false) is not { } facts)
        {
            return Problems.Of(404, "profile_not_found", $"no profile for {user}");
        }
        var (choice, rule) = variants.Choose(facts);
        return Results.Json(new VariantAnswer(room, $"profile:{profile:x16}", choice.Variant, rule, choice.Reason.Zh, choice.Reason.En, facts.Personalization,
            facts.OnScreen, facts.OnScreenCategory, facts.CategoryOrders, facts.ReturningToRoom), ServerJson.Context.VariantAnswer);
    }
}

/// <param name="Rule">The table's rule that chose the variant; null for the default.</param>
internal sealed record VariantAnswer(string Room, string ProfileId, string Variant, string? Rule, string ReasonZh, string ReasonEn, bool Personalised,
    string? OnScreen, string? OnScreenCategory, int CategoryOrders180Days, bool ReturningToRoom);
