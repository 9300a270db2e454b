using LiveProfile.Engine.Contract;

namespace LiveProfile.Server.Http;

/// <summary>
/// <c>POST /v1/identity/link {"identifiers": [ids], "confidence": p}</c>: an operator (or a review queue) says these
/// identifiers are one person. Logged as an <c>identity.link</c> with the confidence given, applied in log order like a
/// producer's; the lineage shows it. Identifiers an unmerge separated stay apart: that answers 409.
/// </summary>
internal static class LinkEndpoints
{
    public static void MapLink(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/identity/link", LinkAsync).WithName("Link").WithTags("identity")
            .Accepts<LinkRequest>("application/json").Produces<LinkAnswer>().ProducesProblem(400).ProducesProblem(409).ProducesProblem(415);

    private static async Task<IResult> LinkAsync(HttpContext http, EngineRuntime runtime, TenantResolver tenants, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        var (body, problem) = await JsonBodies.ReadAsync(http, ServerJson.Context.LinkRequest, ct).ConfigureAwait(false);
        if (problem is not null) return problem;
        if (body?.Identifiers is not { Length: >= 2 } given || given.Length > UnmergeEndpoints.MaxIdentifiers)
        {
            return Problems.Of(400, "invalid_body", $"give 2 to {UnmergeEndpoints.MaxIdentifiers} identifiers: {{\"identifiers\": [\"viewer:v9\", \"account:u1\"], \"confidence\": 0.97}}");
        }
        if (body.Confidence is < 0 or > 1 || double.IsNaN(body.Confidence ?? 0)) return Problems.Of(400, "invalid_confidence", "confidence is 0 to 1");
        var ids = new List<Pseudonym>();
        foreach (var identifier in given)
        {
            if (Parse(identifier, tenant, runtime) is not { } id)
            {
                return Problems.Of(400, "invalid_identifier",
                    $"{identifier}: use kind:value with kind account, viewer, device or phone (E.164); nicknames are evidence, not identifiers");
            }
            if (!ids.Contains(id)) ids.Add(id);
        }
        var dispatcher = runtime.Pipeline.Dispatcher;
        for (var i = 0; i < ids.Count; i++)
        {
            for (var j = i + 1; j < ids.Count; j++)
            {
                if (dispatcher.KeptApart(ids[i].Hash, ids[j].Hash))
                {
                    return Problems.Of(409, "kept_apart", $"an unmerge separated {given[i]} and {given[j]}: they are not joined again (GET /v1/identity shows the cut)");
                }
            }
        }
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var e = new EventRecord
        {
            Tenant = tenant, Id = $"link-{Guid.NewGuid():N}", Type = EventType.IdentityLink, TsMs = now, ReceivedMs = now, Ids = [ids[0]],
        };
        e.Props.LinkedIds = ids.Skip(1).ToList();
        e.Props.Confidence = body.Confidence;
        var lsn = await runtime.Pipeline.AppendInternalAsync(e, ct).ConfigureAwait(false);
        var profile = dispatcher.Locate(ids[0].Hash).Profile;
        return Results.Json(new LinkAnswer($"profile:{profile:x16}", [.. dispatcher.Members(profile).Select(m => m.ToString())], lsn),
            ServerJson.Context.LinkAnswer);
    }

    private static Pseudonym? Parse(string identifier, string tenant, EngineRuntime runtime)
    {
        if (!IdentifierText.TrySplit(identifier, out var kind, out var value) || kind is IdentifierKind.Nickname or IdentifierKind.Profile) return null;
        if (kind == IdentifierKind.Phone && !PhoneNumbers.IsE164(value)) return null;
        return new Pseudonym(kind, runtime.Pseudonymizer.Hash(tenant, kind, value));
    }
}

/// <param name="Identifiers">Raw identifiers, <c>kind:value</c>.</param>
/// <param name="Confidence">How sure the caller is, 0 to 1 (default 1); the lineage keeps it.</param>
internal sealed record LinkRequest(string[]? Identifiers, double? Confidence);

internal sealed record LinkAnswer(string Profile, string[] Identifiers, long Lsn);
