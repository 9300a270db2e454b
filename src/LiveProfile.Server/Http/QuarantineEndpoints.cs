using LiveProfile.Engine.Contract;
using LiveProfile.Server.Ingest;
using LiveProfile.Storage.Quarantine;

namespace LiveProfile.Server.Http;

/// <summary>Rejected events: list them, and replay them through ingest once the cause is fixed.</summary>
internal static class QuarantineEndpoints
{
    private const int MaxPage = 1000;

    public static void MapQuarantine(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/quarantine", List).WithName("ListQuarantine").WithTags("quarantine").Produces<QuarantineAnswer>();
        app.MapPost("/v1/quarantine/replay", ReplayAsync).WithName("ReplayQuarantine").WithTags("quarantine")
            .Accepts<ReplayRequest>("application/json").Produces<ReplayAnswer>().ProducesProblem(400).ProducesProblem(415);
    }

    private static IResult List(HttpContext http, EngineRuntime runtime, TenantResolver tenants, string? code, long? after, int? limit)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        if (limit is < 1 or > MaxPage) return Problems.Of(400, "invalid_limit", $"limit must be 1..{MaxPage}");
        var items = runtime.Quarantine.List(tenant, code, after ?? 0, limit ?? 100);
        return Results.Json(new QuarantineAnswer(items, items.Count > 0 ? items[^1].Seq : null), ServerJson.Context.QuarantineAnswer);
    }

    private static async Task<IResult> ReplayAsync(HttpContext http, EngineRuntime runtime, TenantResolver tenants, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        var (request, malformed) = await JsonBodies.ReadAsync(http, ServerJson.Context.ReplayRequest, ct).ConfigureAwait(false);
        if (malformed is not null) return malformed;
        if (request?.Seqs is not { Count: > 0 and <= MaxPage } seqs) return Problems.Of(400, "invalid_request", $"give 1..{MaxPage} quarantine seqs");

        var results = new List<ReplayResult>(seqs.Count);
        var replayed = new List<long>();
        foreach (var seq in seqs)
        {
            if (runtime.Quarantine.Get(tenant, seq) is not { } item)
            {
                results.Add(new ReplayResult(seq, "not_found", null, null));
                continue;
            }
            var receivedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            ParsedBatch parsed;
            try
            {
                parsed = runtime.Parser.Parse(System.Text.Encoding.UTF8.GetBytes(item.RawJson), BodyFormat.Ndjson, tenant, receivedMs);
            }
            catch (RequestRejectedException ex)
            {
                results.Add(new ReplayResult(seq, "rejected", ex.Code, ex.Message));
                continue;
            }
            if (parsed.Rejected.Count > 0)
            {
                // Still invalid: keep the original entry, do not quarantine it twice.
                var r = parsed.Rejected[0];
                results.Add(new ReplayResult(seq, "rejected", r.Code, r.Message));
                continue;
            }
            try
            {
                var outcome = await runtime.Pipeline.IngestAsync(parsed, tenant, receivedMs, ct).ConfigureAwait(false);
                results.Add(new ReplayResult(seq, outcome.Accepted > 0 ? "accepted" : "duplicate", null, null));
                replayed.Add(seq);
            }
            catch (OverloadedException ex)
            {
                results.Add(new ReplayResult(seq, "retry_later", ex.Code, ex.Message));
            }
        }
        if (replayed.Count > 0) runtime.Quarantine.MarkReplayed(tenant, replayed);
        return Results.Json(new ReplayAnswer(results), ServerJson.Context.ReplayAnswer);
    }
}

internal sealed record QuarantineAnswer(IReadOnlyList<QuarantinedEvent> Items, long? Next);
internal sealed record ReplayRequest(List<long>? Seqs);
internal sealed record ReplayAnswer(IReadOnlyList<ReplayResult> Results);
internal sealed record ReplayResult(long Seq, string Outcome, string? Code, string? Message);
