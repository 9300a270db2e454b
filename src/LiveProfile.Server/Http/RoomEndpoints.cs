using System.Text.Json;
using LiveProfile.Server.Rooms;
using LiveProfile.Server.Segments;
using Microsoft.Extensions.Options;

namespace LiveProfile.Server.Http;

/// <summary>
/// The live room (直播间): <c>GET /v1/rooms/{room}</c> answers its audience now; <c>GET /v1/rooms/{room}/stream</c> sends
/// the same answer as a Server-Sent Event every second until the reader goes.
/// </summary>
internal static class RoomEndpoints
{
    internal const int MaxRoomLength = 128;
    private static readonly TimeSpan StreamInterval = TimeSpan.FromSeconds(1);

    public static void MapRooms(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/rooms", ListAsync).WithName("ListLiveRooms").WithTags("rooms").WithDescription("Rooms with viewers now, the fullest first.")
            .Produces<LiveRoomAnswer[]>();
        app.MapGet("/v1/rooms/{room}", GetAsync).WithName("GetRoom").WithTags("rooms")
            .WithDescription("The live audience: viewers, composition by family and tag, demand by category, talk-track suggestions, " +
                "and the product funnels of the room's latest session; segment= (an expression) counts the funnel for its members only.")
            .Produces<RoomAnswer>().ProducesProblem(400);
        app.MapGet("/v1/rooms/{room}/stream", StreamAsync).WithName("StreamRoom").WithTags("rooms")
            .WithDescription("Server-Sent Events at 1 Hz: event = room, data = the GET /v1/rooms/{room} answer.")
            .Produces<string>(200, "text/event-stream").ProducesProblem(400);
    }

    private static async Task<IResult> ListAsync(HttpContext http, RoomService rooms, TenantResolver tenants, IOptions<ServerOptions> options)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        return Results.Json(await rooms.LiveAsync(options.Value.MinGroupSize).ConfigureAwait(false), ServerJson.Context.LiveRoomAnswerArray);
    }

    private static async Task<IResult> GetAsync(HttpContext http, string room, string? segment, RoomService rooms, SegmentService segments,
        TenantResolver tenants, IOptions<ServerOptions> options)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        if (Invalid(room, segment, segments, out var normalised) is { } problem) return problem;
        return Results.Json(await rooms.SnapshotAsync(room, options.Value.MinGroupSize, normalised).ConfigureAwait(false), ServerJson.Context.RoomAnswer);
    }

    private static async Task StreamAsync(HttpContext http, string room, string? segment, RoomService rooms, SegmentService segments,
        TenantResolver tenants, IOptions<ServerOptions> options)
    {
        var ct = http.RequestAborted;
        string? normalised = null;
        var refusal = tenants.TryResolve(http, out _, out var denied) ? Invalid(room, segment, segments, out normalised) : denied;
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        using var timer = new PeriodicTimer(StreamInterval);
        try
        {
            do
            {
                var answer = await rooms.SnapshotAsync(room, options.Value.MinGroupSize, normalised).ConfigureAwait(false);
                await http.Response.WriteAsync("event: room\ndata: ", ct).ConfigureAwait(false);
                await http.Response.WriteAsync(JsonSerializer.Serialize(answer, ServerJson.Context.RoomAnswer), ct).ConfigureAwait(false);
                await http.Response.WriteAsync("\n\n", ct).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The reader went away.
        }
    }

    /// <summary>A problem with the room id or the segment expression; the expression comes back normalised.</summary>
    private static IResult? Invalid(string room, string? segment, SegmentService segments, out string? normalised)
    {
        normalised = null;
        if (room.Length is 0 or > MaxRoomLength || room.Any(char.IsControl))
        {
            return Problems.Of(400, "invalid_room", $"a room id is 1-{MaxRoomLength} characters without control characters");
        }
        if (segment is null) return null;
        if (!SegmentEndpoints.TryParse(segments, segment, out var node, out var problem)) return problem;
        normalised = node!.ToString();
        return null;
    }
}
