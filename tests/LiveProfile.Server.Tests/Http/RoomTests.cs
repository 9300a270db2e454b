using System.Net;
using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Http;

/// <summary>The live room over a real server: audience, composition by tag and family, suppression, talk tracks, the 1 Hz stream.</summary>
public sealed class RoomTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    private static string Join(string id, string viewer, string room, double minutesAgo = 0.2) =>
        $$$"""{"id":"{{{id}}}","type":"live.join","ts":"{{{Json.Now(minutesAgo)}}}","user":{"viewerId":"{{{viewer}}}"},"room":"{{{room}}}"}""";

    private static string Leave(string id, string viewer, string room) =>
        $$$"""{"id":"{{{id}}}","type":"live.leave","ts":"{{{Json.Now(0.1)}}}","user":{"viewerId":"{{{viewer}}}"},"room":"{{{room}}}"}""";

    /// <summary><paramref name="viewers"/> viewers who shared three times (sharers) join <paramref name="room"/> now.</summary>
    private static async Task SharersJoinAsync(InProcessServer server, string room, int viewers, string prefix = "v")
    {
        var lines = new List<string>();
        for (var v = 0; v < viewers; v++)
        {
            for (var s = 0; s < 3; s++) lines.Add(Json.Share($"{prefix}{v}-s{s}", $"{prefix}{v}", 30 - s));
            lines.Add(Join($"{prefix}{v}-j", $"{prefix}{v}", room));
        }
        (await server.PostNdjsonAsync(lines)).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();
    }

    private static async Task<JsonElement> RoomAsync(InProcessServer server, string room) =>
        JsonDocument.Parse(await server.Http.GetStringAsync($"/v1/rooms/{room}")).RootElement;

    [Fact]
    public async Task Room_TwelveSharersJoined_ComposedByTagAndFamily_ThenEmptyAfterTheyLeave()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        await SharersJoinAsync(server, "r7", 12);

        var room = await RoomAsync(server, "r7");
        Assert.Equal(12, room.GetProperty("viewers").GetInt32());
        Assert.Equal(12, room.GetProperty("newViewers").GetInt32());
        Assert.True(room.GetProperty("averageDwellSeconds").GetDouble() >= 0);
        Assert.False(room.GetProperty("suppressed").GetBoolean());
        var sharer = room.GetProperty("tags").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "sharer");
        Assert.Equal(12, sharer.GetProperty("viewers").GetInt32());
        Assert.Equal(1.0, sharer.GetProperty("share").GetDouble());
        var family = room.GetProperty("families").EnumerateArray().Single(f => f.GetProperty("id").GetString() == sharer.GetProperty("family").GetString());
        Assert.Equal(12, family.GetProperty("viewers").GetInt32());
        Assert.Equal(4, room.GetProperty("families").GetArrayLength()); // every family of the taxonomy, even when no viewer has one

        var leaves = Enumerable.Range(0, 12).Select(v => Leave($"v{v}-l", $"v{v}", "r7")).ToList();
        (await server.PostNdjsonAsync(leaves)).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();
        var after = await RoomAsync(server, "r7");
        Assert.Equal(0, after.GetProperty("viewers").GetInt32());
        Assert.Empty(after.GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public async Task Room_FewerViewersThanTheMinimumGroup_ShowsNothingAboutThem()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        await SharersJoinAsync(server, "small", 3);
        var room = await RoomAsync(server, "small");
        Assert.True(room.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, room.GetProperty("viewers").ValueKind);
        Assert.Empty(room.GetProperty("tags").EnumerateArray());
        Assert.Empty(room.GetProperty("suggestions").EnumerateArray());

        // A room nobody is in is simply empty.
        var empty = await RoomAsync(server, "nobody-here");
        Assert.Equal(0, empty.GetProperty("viewers").GetInt32());
        Assert.False(empty.GetProperty("suppressed").GetBoolean());
    }

    [Fact]
    public async Task Room_TalkTrackTableInTheDataDirectory_FiresWithItsFigures()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "talk-tracks.yaml"), """
            rules:
              - id: thank_sharers
                tag: sharer
                min_share: 0.5
                zh: 感谢分享的观众
                en: Thank the viewers who share the room
              - id: welcome
                new_viewers: true
                min_share: 0.9
                min_viewers: 50
                zh: 欢迎新观众
                en: Welcome the newcomers
            """);
        await using var server = await InProcessServer.StartAsync(dir.Path);
        await SharersJoinAsync(server, "r8", 11);

        var suggestion = Assert.Single((await RoomAsync(server, "r8")).GetProperty("suggestions").EnumerateArray()); // welcome needs 50 viewers
        Assert.Equal("thank_sharers", suggestion.GetProperty("id").GetString());
        Assert.Equal("感谢分享的观众", suggestion.GetProperty("zh").GetString());
        var because = suggestion.GetProperty("because");
        Assert.Equal("sharer", because.GetProperty("target").GetString());
        Assert.Equal(11, because.GetProperty("viewers").GetInt32());
        Assert.Equal(11, because.GetProperty("ofViewers").GetInt32());
        Assert.Equal(1.0, because.GetProperty("share").GetDouble());
        Assert.Equal(0.5, because.GetProperty("minShare").GetDouble());
    }

    [Fact]
    public async Task Room_DataDirectoryWithoutATable_GetsTheShippedOne()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var written = File.ReadAllText(Path.Combine(dir.Path, "talk-tracks.yaml"));
        Assert.Contains("ingredient_focused", written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_SendsTheRoomEverySecond()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        await SharersJoinAsync(server, "r9", 10);
        using var response = await server.Http.GetAsync("/v1/rooms/r9/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var first = await sse.NextEventAsync(timeout.Token);
        Assert.Equal("room", first.Event);
        Assert.Equal(10, JsonDocument.Parse(first.Data).RootElement.GetProperty("viewers").GetInt32());

        await SharersJoinAsync(server, "r9", 2, prefix: "w");
        JsonElement latest;
        do latest = JsonDocument.Parse((await sse.NextEventAsync(timeout.Token)).Data).RootElement;
        while (latest.GetProperty("viewers").GetInt32() != 12);
        Assert.Equal("r9", latest.GetProperty("room").GetString());
    }

    [Fact]
    public async Task Room_IdTooLong_Rejected()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        using var response = await server.Http.GetAsync("/v1/rooms/" + new string('x', 200));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_room", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Room_Funnel_OfTheProductOnScreen_AndForASegment()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path, o => o.MinGroupSize = 1);
        (await server.PostNdjsonAsync([
            Json.Product("serum", "beauty/skincare/serum", 199),
            $$$"""{"id":"show1","type":"live.product_on_screen","ts":"{{{Json.Now(0.5)}}}","room":"r5","product":"serum"}""",
            Join("j1", "a", "r5", 0.4), Join("j2", "b", "r5", 0.4),
            $$$"""{"id":"c1","type":"live.product_click","ts":"{{{Json.Now(0.3)}}}","user":{"viewerId":"a"},"room":"r5","product":"serum"}""",
            $$$"""{"id":"o1","type":"shop.order","ts":"{{{Json.Now(0.2)}}}","user":{"viewerId":"a"},"props":{"orderId":"o1","total":199,"items":[{"product":"serum","qty":1,"unitPrice":199}]}}""",
        ])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();

        var room = await RoomAsync(server, "r5");
        Assert.Equal("serum", room.GetProperty("onScreen").GetString());
        var serum = Assert.Single(room.GetProperty("funnel").EnumerateArray());
        Assert.True(serum.GetProperty("current").GetBoolean());
        Assert.Equal((2, 1, 0, 1), (serum.GetProperty("onScreen").GetInt64(), serum.GetProperty("clicked").GetInt64(),
            serum.GetProperty("carted").GetInt64(), serum.GetProperty("ordered").GetInt64()));
        Assert.Equal(0.5, serum.GetProperty("conversion").GetDouble());

        var forSharers = await RoomAsync(server, "r5?segment=sharer");
        Assert.Equal("sharer", forSharers.GetProperty("segment").GetProperty("expr").GetString());
        Assert.Equal(0, forSharers.GetProperty("segment").GetProperty("viewers").GetInt32());
        Assert.Equal(0, Assert.Single(forSharers.GetProperty("funnel").EnumerateArray()).GetProperty("onScreen").GetInt64());

        using var bad = await server.Http.GetAsync("/v1/rooms/r5?segment=sharer%20and%20no_such_tag");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("unknown_tag", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }
}
