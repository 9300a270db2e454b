using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using LiveProfile.Engine.Segments;
using LiveProfile.Server.Segments;
using Microsoft.Extensions.Options;

namespace LiveProfile.Server.Http;

/// <summary>
/// Segments (人群圈选): <c>POST /v1/segments/query</c> counts, samples or exports the profiles an expression selects;
/// saved segments under <c>/v1/segments/{name}</c> also publish membership changes on the change feed
/// (<c>segment:&lt;name&gt;</c>). Counts below the minimum group size are suppressed.
/// </summary>
internal static class SegmentEndpoints
{
    public static void MapSegments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/segments/query", QueryAsync).WithName("QuerySegment").WithTags("segments")
            .Accepts<SegmentQuery>("application/json").Produces<SegmentAnswer>().Produces<string>(200, "application/x-ndjson", "text/csv")
            .ProducesProblem(400).ProducesProblem(415);
        app.MapPost("/v1/segments", SaveAsync).WithName("SaveSegment").WithTags("segments")
            .Accepts<SegmentDefinition>("application/json").Produces<SavedSegmentAnswer>(201).Produces<SavedSegmentAnswer>().ProducesProblem(400)
            .ProducesProblem(409).ProducesProblem(415);
        app.MapGet("/v1/segments", ListAsync).WithName("ListSegments").WithTags("segments").Produces<SavedSegmentAnswer[]>();
        app.MapGet("/v1/segments/{name}", GetAsync).WithName("GetSegment").WithTags("segments").Produces<SavedSegmentAnswer>().ProducesProblem(404);
        app.MapGet("/v1/segments/{name}/members", Members).WithName("SegmentMembers").WithTags("segments")
            .Produces<string>(200, "application/x-ndjson", "text/csv").ProducesProblem(400).ProducesProblem(404);
        app.MapDelete("/v1/segments/{name}", Delete).WithName("DeleteSegment").WithTags("segments").Produces(204).ProducesProblem(404);
    }

    private static async Task<IResult> QueryAsync(HttpContext http, EngineRuntime runtime, SegmentService segments, TenantResolver tenants,
        IOptions<ServerOptions> options, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        var (query, malformed) = await JsonBodies.ReadAsync(http, ServerJson.Context.SegmentQuery, ct).ConfigureAwait(false);
        if (malformed is not null) return malformed;
        if (string.IsNullOrWhiteSpace(query?.Expr)) return Problems.Of(400, "invalid_request", "give the segment as {\"expr\": \"interest:beauty and not churn_risk\"}");
        if (query.Sample is < 0 or > SegmentService.MaxSample) return Problems.Of(400, "invalid_sample", $"sample must be 0..{SegmentService.MaxSample}");
        if (!TryParse(segments, query.Expr, out var node, out var problem)) return problem!;
        if (query.Export is { } export) return Export(runtime, query.Expr, export);
        var (count, sample) = await SegmentService.QueryAsync(runtime, query.Expr, query.Sample ?? 10).ConfigureAwait(false);
        var k = options.Value.MinGroupSize;
        var suppressed = count > 0 && count < k;
        return Results.Json(new SegmentAnswer(node!.ToString()!, suppressed ? null : count, suppressed, k, suppressed ? [] : [.. sample.Select(Id)]),
            ServerJson.Context.SegmentAnswer);
    }

    private static async Task<IResult> SaveAsync(HttpContext http, EngineRuntime runtime, SegmentService segments, TenantResolver tenants,
        IOptions<ServerOptions> options, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        var (definition, malformed) = await JsonBodies.ReadAsync(http, ServerJson.Context.SegmentDefinition, ct).ConfigureAwait(false);
        if (malformed is not null) return malformed;
        if (definition?.Name is not { } name || !SegmentService.NameRule().IsMatch(name))
        {
            return Problems.Of(400, "invalid_segment_name", "name: 1-64 lower-case letters, digits, '_' or '-', starting with a letter or digit");
        }
        if (string.IsNullOrWhiteSpace(definition.Expr)) return Problems.Of(400, "invalid_request", "give the segment's expression as expr");
        if (!TryParse(segments, definition.Expr, out _, out var problem)) return problem!;
        var existed = segments.Find(name) is not null;
        if (!segments.TrySave(name, definition.Expr, out var saved))
        {
            return Problems.Of(409, "segment_exists", $"segment '{name}' is saved with another expression ({saved.Expression}); delete it first");
        }
        var answer = await AnswerAsync(runtime, saved, options.Value.MinGroupSize).ConfigureAwait(false);
        return existed
            ? Results.Json(answer, ServerJson.Context.SavedSegmentAnswer)
            : Results.Json(answer, ServerJson.Context.SavedSegmentAnswer, statusCode: 201);
    }

    private static async Task<IResult> ListAsync(HttpContext http, EngineRuntime runtime, SegmentService segments, TenantResolver tenants,
        IOptions<ServerOptions> options)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        var answers = new List<SavedSegmentAnswer>();
        foreach (var saved in segments.Saved) answers.Add(await AnswerAsync(runtime, saved, options.Value.MinGroupSize).ConfigureAwait(false));
        return Results.Json(answers.ToArray(), ServerJson.Context.SavedSegmentAnswerArray);
    }

    private static async Task<IResult> GetAsync(string name, HttpContext http, EngineRuntime runtime, SegmentService segments, TenantResolver tenants,
        IOptions<ServerOptions> options)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        if (segments.Find(name) is not { } saved) return NotFound(name);
        return Results.Json(await AnswerAsync(runtime, saved, options.Value.MinGroupSize).ConfigureAwait(false),
            ServerJson.Context.SavedSegmentAnswer);
    }

    private static IResult Members(string name, HttpContext http, EngineRuntime runtime, SegmentService segments, TenantResolver tenants, string? format)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        if (segments.Find(name) is not { } saved) return NotFound(name);
        return Export(runtime, saved.Expression, format ?? "ndjson");
    }

    private static IResult Delete(string name, HttpContext http, SegmentService segments, TenantResolver tenants)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        return segments.Delete(name) ? Results.NoContent() : NotFound(name);
    }

    /// <summary>Streams the members as NDJSON (<c>{"profile":"profile:…"}</c> per line) or CSV (a <c>profile</c> column).</summary>
    private static IResult Export(EngineRuntime runtime, string expression, string format)
    {
        var csv = format.Equals("csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !format.Equals("ndjson", StringComparison.OrdinalIgnoreCase)) return Problems.Of(400, "invalid_format", "export as ndjson or csv");
        return Results.Stream(async body =>
        {
            var ct = CancellationToken.None;
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 64 * 1024);
            if (csv) await writer.WriteAsync("profile\n").ConfigureAwait(false);
            await foreach (var member in SegmentService.MembersAsync(runtime, expression, ct).ConfigureAwait(false))
            {
                await writer.WriteAsync(csv ? Id(member) + "\n" : "{\"profile\":\"" + Id(member) + "\"}\n").ConfigureAwait(false);
            }
        }, csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
    }

    private static async Task<SavedSegmentAnswer> AnswerAsync(EngineRuntime runtime, SavedSegment saved, int k)
    {
        var count = await SegmentService.CountSavedAsync(runtime, saved).ConfigureAwait(false);
        var suppressed = count > 0 && count < k;
        return new SavedSegmentAnswer(saved.Name, saved.Expression, suppressed ? null : count, suppressed, k, saved.ChangeTag);
    }

    /// <summary>Parses an expression against the taxonomy in force; a problem (400, with the code and position) when it cannot be used.</summary>
    internal static bool TryParse(SegmentService segments, string expression, out SegmentNode? node, out IResult? problem)
    {
        try
        {
            node = segments.Parse(expression);
            problem = null;
            return true;
        }
        catch (SegmentSyntaxException ex)
        {
            node = null;
            problem = Problems.Of(400, ex.Code, ex.Message, [new KeyValuePair<string, object?>("position", ex.Position)]);
            return false;
        }
    }

    private static IResult NotFound(string name) => Problems.Of(404, "segment_not_found", $"no segment is saved as '{name}'");

    private static string Id(ulong profile) => "profile:" + profile.ToString("x16", CultureInfo.InvariantCulture);
}

/// <param name="Sample">Members to return (0..1000, default 10).</param>
/// <param name="Export"><c>ndjson</c> or <c>csv</c>: stream every member instead of answering with a count.</param>
internal sealed record SegmentQuery(string? Expr, int? Sample, string? Export);

/// <param name="Expr">The expression as parsed (normalised).</param>
/// <param name="Count">Members over every partition; null when <see cref="Suppressed"/>.</param>
/// <param name="Suppressed">Fewer than <see cref="MinGroupSize"/> members (but some): the count and sample are withheld.</param>
internal sealed record SegmentAnswer(string Expr, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Count, bool Suppressed, int MinGroupSize,
    string[] Sample);

internal sealed record SegmentDefinition(string? Name, string? Expr);

/// <param name="ChangeTag">The tag id its membership changes carry on <c>GET /v1/changes</c>.</param>
internal sealed record SavedSegmentAnswer(string Name, string Expr, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Count,
    bool Suppressed, int MinGroupSize, string ChangeTag);
