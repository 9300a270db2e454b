using System.Globalization;
using LiveProfile.Engine.Contract;

namespace LiveProfile.Server.Http;

/// <summary>
/// <c>POST /v1/identity/unmerge {"profile": id, "identifiers": [ids]}</c>: splits the identifiers off the profile. The
/// request is logged (so that a replay redoes it where it happened) and applied: the links between the two sides are
/// cut and remembered, and each side's profile is rebuilt from the log as if the wrong link had never been made.
/// </summary>
internal static class UnmergeEndpoints
{
    public const int MaxIdentifiers = 64;

    public static void MapUnmerge(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/identity/unmerge", UnmergeAsync).WithName("Unmerge").WithTags("identity")
            .Accepts<UnmergeRequest>("application/json").Produces<UnmergeAnswer>()
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(415);

    private static async Task<IResult> UnmergeAsync(HttpContext http, EngineRuntime runtime, TenantResolver tenants, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        var (body, problem) = await JsonBodies.ReadAsync(http, ServerJson.Context.UnmergeRequest, ct).ConfigureAwait(false);
        if (problem is not null) return problem;
        if (body?.Profile is not { Length: > 0 } id || body.Identifiers is not { Length: > 0 } given)
        {
            return Problems.Of(400, "invalid_body", "give the profile and the identifiers to split off it: {\"profile\": \"account:u1\", \"identifiers\": [\"viewer:v9\"]}");
        }
        if (given.Length > MaxIdentifiers) return Problems.Of(400, "too_many_identifiers", $"at most {MaxIdentifiers} identifiers at a time");
        if (!ProfileEndpoints.TryLocate(id, tenant, runtime, out var profile, out _, out problem)) return problem!;
        var dispatcher = runtime.Pipeline.Dispatcher;
        var members = dispatcher.Members(profile);
        var separate = new List<Pseudonym>();
        foreach (var identifier in given)
        {
            if (Member(identifier, tenant, runtime, members) is not { } member)
            {
                return Problems.Of(409, "not_a_member", $"{identifier} is not an identifier of profile:{profile:x16} (GET /v1/identity/{id} lists them)");
            }
            if (!separate.Contains(member)) separate.Add(member);
        }
        if (separate.Count == members.Count) return Problems.Of(409, "nothing_left", "every identifier of the profile was named: name the ones to split off");
        if (!runtime.Options.KeepLogHistory || !runtime.History.Complete)
        {
            return Problems.Of(409, "history_incomplete",
                "an unmerge rebuilds both profiles from the whole log, and checkpoints deleted its start (KeepLogHistory is off)");
        }
        var keep = members.First(m => !separate.Contains(m));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var e = new EventRecord
        {
            Tenant = tenant, Id = $"unmerge-{Guid.NewGuid():N}", Type = EventType.IdentityUnmerge, TsMs = Math.Max(now, dispatcher.WatermarkMs),
            ReceivedMs = now, Ids = [keep],
        };
        e.Props.LinkedIds = separate;
        var lsn = await runtime.Pipeline.AppendInternalAsync(e, ct).ConfigureAwait(false);
        var roots = members.Select(m => dispatcher.Locate(m.Hash).Profile).Distinct().Order().ToArray();
        var profiles = roots.Select(root => new UnmergedProfile($"profile:{root:x16}", [.. dispatcher.Members(root).Select(m => m.ToString())])).ToArray();
        return Results.Json(new UnmergeAnswer($"profile:{profile:x16}", profiles, lsn), ServerJson.Context.UnmergeAnswer);
    }

    /// <summary>The member named by a raw identifier (<c>viewer:dy_998</c>) or by its pseudonym as the identity graph shows it.</summary>
    private static Pseudonym? Member(string identifier, string tenant, EngineRuntime runtime, IReadOnlyList<Pseudonym> members)
    {
        if (!IdentifierText.TrySplit(identifier, out var kind, out var value)) return null;
        var raw = runtime.Pseudonymizer.Hash(tenant, kind, value);
        foreach (var m in members) if (m.Kind == kind && m.Hash == raw) return m;
        if (value.Length == 16 && ulong.TryParse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hash))
        {
            foreach (var m in members) if (m.Kind == kind && m.Hash == hash) return m;
        }
        return null;
    }
}

/// <param name="Profile">The merged profile, as any identifier of it.</param>
/// <param name="Identifiers">The identifiers to split off it: raw (<c>viewer:dy_998</c>) or as <c>GET /v1/identity</c> shows them.</param>
internal sealed record UnmergeRequest(string? Profile, string[]? Identifiers);

/// <param name="Profiles">The profiles the unmerge left, each with its identifiers.</param>
/// <param name="Lsn">The log position of the unmerge.</param>
internal sealed record UnmergeAnswer(string Unmerged, UnmergedProfile[] Profiles, long Lsn);

internal sealed record UnmergedProfile(string Profile, string[] Identifiers);
