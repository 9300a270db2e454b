using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Http;

/// <summary>Segments over a real server: counts, samples, exports, suppression, errors, saved segments on the change feed.</summary>
public sealed class SegmentTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>12 sharers (3 shares each), 5 of whom also gave gifts worth 120 CNY; one viewer who only liked.</summary>
    private static async Task SharersAndGiftersAsync(InProcessServer server)
    {
        var lines = new List<string> { Json.Like("l0", "liker") };
        for (var v = 0; v < 12; v++)
        {
            for (var s = 0; s < 3; s++) lines.Add(Json.Share($"s{v}-{s}", $"v{v}", 30 - s));
            if (v < 5) lines.Add(Json.Gift($"g{v}", $"v{v}", 120, 5));
        }
        (await server.PostNdjsonAsync(lines)).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> QueryAsync(InProcessServer server, object body)
    {
        using var response = await server.Http.PostAsJsonAsync("/v1/segments/query", body);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static async Task<string> ProfileIdAsync(InProcessServer server, string viewer) =>
        JsonDocument.Parse(await server.Http.GetStringAsync($"/v1/profiles/viewer:{viewer}")).RootElement.GetProperty("profileId").GetString()!;

    [Fact]
    public async Task Query_CountsSamplesAndSuppressesSmallGroups()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        await SharersAndGiftersAsync(server);

        var (status, sharers) = await QueryAsync(server, new { expr = "sharer", sample = 4 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(12, sharers.GetProperty("count").GetInt64());
        Assert.False(sharers.GetProperty("suppressed").GetBoolean());
        var sample = sharers.GetProperty("sample").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(4, sample.Distinct().Count());
        var everySharer = new HashSet<string>();
        for (var v = 0; v < 12; v++) everySharer.Add(await ProfileIdAsync(server, $"v{v}"));
        Assert.All(sample, id => Assert.Contains(id, everySharer));

        // 7 and 5 people: below the default minimum group size of 10, so withheld.
        var (_, notGifters) = await QueryAsync(server, new { expr = "sharer && !gift_giver" });
        Assert.True(notGifters.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, notGifters.GetProperty("count").ValueKind);
        Assert.Empty(notGifters.GetProperty("sample").EnumerateArray());
        Assert.Equal("sharer and not gift_giver", notGifters.GetProperty("expr").GetString());
        Assert.Equal(10, notGifters.GetProperty("minGroupSize").GetInt32());

        var (_, nobody) = await QueryAsync(server, new { expr = "gift_giver and not sharer" });
        Assert.Equal(0, nobody.GetProperty("count").GetInt64()); // an empty group singles no one out
        Assert.False(nobody.GetProperty("suppressed").GetBoolean());
    }

    [Fact]
    public async Task Query_BelowConfiguredMinimum_CountedExactly()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path, o => o.MinGroupSize = 5);
        await SharersAndGiftersAsync(server);
        Assert.Equal(5, (await QueryAsync(server, new { expr = "gift_giver and sharer" })).Body.GetProperty("count").GetInt64());
        Assert.Equal(7, (await QueryAsync(server, new { expr = "sharer and not gift_giver" })).Body.GetProperty("count").GetInt64());
        Assert.True((await QueryAsync(server, new { expr = "not sharer" })).Body.GetProperty("suppressed").GetBoolean()); // the liker alone
    }

    [Fact]
    public async Task Query_Export_StreamsEveryMemberAsNdjsonOrCsv()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        await SharersAndGiftersAsync(server);
        var expected = new HashSet<string>();
        for (var v = 5; v < 12; v++) expected.Add(await ProfileIdAsync(server, $"v{v}"));

        using var ndjson = await server.Http.PostAsJsonAsync("/v1/segments/query", new { expr = "sharer and not gift_giver", export = "ndjson" });
        Assert.Equal("application/x-ndjson", ndjson.Content.Headers.ContentType?.MediaType);
        var lines = (await ndjson.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("profile").GetString()!).ToHashSet());
        Assert.Equal(7, lines.Length);

        using var csv = await server.Http.PostAsJsonAsync("/v1/segments/query", new { expr = "sharer and not gift_giver", export = "csv" });
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("profile", rows[0]);
        Assert.Equal(expected, rows[1..].ToHashSet());
    }

    [Theory]
    [InlineData("sharer and vip", "unknown_tag", 11)]
    [InlineData("sharer and (gift_giver", "segment_syntax", 22)]
    [InlineData("", "invalid_request", -1)]
    public async Task Query_BadExpression_ProblemWithStableCode(string expr, string code, int position)
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var (status, problem) = await QueryAsync(server, new { expr });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        if (position >= 0) Assert.Equal(position, problem.GetProperty("position").GetInt32());
    }

    [Theory]
    [InlineData("{\"expr\": ", "application/json", HttpStatusCode.BadRequest, "malformed_body")]
    [InlineData("expr=sharer", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type")]
    public async Task Query_BodyNotJson_ProblemWithStableCode(string body, string contentType, HttpStatusCode status, string code)
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        using var response = await server.Http.PostAsync("/v1/segments/query", new StringContent(body, System.Text.Encoding.UTF8, contentType));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task SavedSegment_MembershipChangesOnTheFeed_SurvivesRestart_Deleted()
    {
        using var dir = new TempDirectory();
        string gifter;
        await using (var server = await InProcessServer.StartAsync(dir.Path, o => o.MinGroupSize = 1))
        {
            using var saved = await server.Http.PostAsJsonAsync("/v1/segments", new { name = "big-gifters", expr = "gift_giver and not sharer" });
            Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
            var answer = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("segment:big-gifters", answer.GetProperty("changeTag").GetString());
            Assert.Equal(0, answer.GetProperty("count").GetInt64());
            using var conflict = await server.Http.PostAsJsonAsync("/v1/segments", new { name = "big-gifters", expr = "sharer" });
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/changes?tag=segment:");
            using var feed = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var sse = new SseReader(await feed.Content.ReadAsStreamAsync());
            (await server.PostNdjsonAsync([Json.Gift("g1", "w1", 150, 10)])).EnsureSuccessStatusCode();
            using var timeout = new CancellationTokenSource(ReadTimeout);
            var entered = await sse.NextEventAsync(timeout.Token);
            Assert.Equal("segment_entered", entered.Event);
            var data = JsonDocument.Parse(entered.Data).RootElement;
            gifter = await ProfileIdAsync(server, "w1");
            Assert.Equal(gifter, data.GetProperty("profile").GetString());
            Assert.Equal("segment:big-gifters", data.GetProperty("tag").GetString());

            // Three shares make the gifter a sharer: out of the segment.
            (await server.PostNdjsonAsync([Json.Share("s1", "w1", 4), Json.Share("s2", "w1", 3), Json.Share("s3", "w1", 2)])).EnsureSuccessStatusCode();
            var left = await sse.NextEventAsync(timeout.Token);
            Assert.Equal("segment_left", left.Event);
            Assert.Equal(gifter, JsonDocument.Parse(left.Data).RootElement.GetProperty("profile").GetString());
        }

        await using (var server = await InProcessServer.StartAsync(dir.Path, o => o.MinGroupSize = 1))
        {
            var list = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/segments")).RootElement;
            var only = Assert.Single(list.EnumerateArray());
            Assert.Equal("big-gifters", only.GetProperty("name").GetString());
            Assert.Equal("gift_giver and not sharer", only.GetProperty("expr").GetString());
            (await server.PostNdjsonAsync([Json.Gift("g2", "w2", 150, 10)])).EnsureSuccessStatusCode();
            await server.WaitAppliedAsync();
            var members = (await server.Http.GetStringAsync("/v1/segments/big-gifters/members?format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(["profile", await ProfileIdAsync(server, "w2")], members);

            Assert.Equal(HttpStatusCode.NoContent, (await server.Http.DeleteAsync("/v1/segments/big-gifters")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/v1/segments/big-gifters")).StatusCode);
            using var badName = await server.Http.PostAsJsonAsync("/v1/segments", new { name = "Big Gifters", expr = "gift_giver" });
            Assert.Equal("invalid_segment_name", JsonDocument.Parse(await badName.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }
    }
}
