using System.Buffers;
using LiveProfile.Engine.Contract;
using LiveProfile.Server.Ingest;

namespace LiveProfile.Server.Http;

/// <summary><c>POST /v1/events</c>: NDJSON or a JSON array; answers after the accepted events are durable.</summary>
internal static class EventsEndpoints
{
    public static void MapEvents(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/events", IngestAsync).WithName("IngestEvents").WithTags("events")
            .Produces<IngestOutcome>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(429).ProducesProblem(503);

    private static async Task<IResult> IngestAsync(HttpContext http, EngineRuntime runtime, TenantResolver tenants, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        if (!runtime.Ready) return Problems.Of(503, "starting", "the server is recovering; retry shortly", TimeSpan.FromSeconds(2), http);
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        BodyFormat format;
        switch (mediaType)
        {
            case "application/x-ndjson":
            case "application/jsonl":
                format = BodyFormat.Ndjson;
                break;
            case "application/json":
                format = BodyFormat.JsonArray;
                break;
            default:
                return Problems.Of(415, "unsupported_media_type", "send application/x-ndjson (one event per line) or application/json (an array of events)");
        }
        var limit = runtime.Parser.Limits.MaxRequestBytes;
        if (http.Request.ContentLength > limit)
        {
            return Problems.Of(413, RequestRejectionCode.RequestTooLarge, $"a request carries at most {limit} bytes");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(checked((int)Math.Min(limit + 1, http.Request.ContentLength ?? 64 * 1024)));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit) return Problems.Of(413, RequestRejectionCode.RequestTooLarge, $"a request carries at most {limit} bytes");
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
            }
            if (length > limit) return Problems.Of(413, RequestRejectionCode.RequestTooLarge, $"a request carries at most {limit} bytes");

            var receivedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            ParsedBatch parsed;
            try
            {
                parsed = runtime.Parser.Parse(buffer.AsSpan(0, length), format, tenant, receivedMs);
            }
            catch (RequestRejectedException ex)
            {
                return Problems.Of(ex.StatusCode, ex.Code, ex.Message);
            }
            var outcome = await runtime.Pipeline.IngestAsync(parsed, tenant, receivedMs, ct).ConfigureAwait(false);
            return Results.Json(outcome, ServerJson.Context.IngestOutcome);
        }
        catch (OverloadedException ex)
        {
            return Problems.Of(ex.StatusCode, ex.Code, ex.Message, ex.RetryAfter, http);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
