using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Http;

/// <summary>
/// <c>POST /v1/identity/unmerge</c> over a real server: a wrong link is cut, both profiles are rebuilt from the log, the
/// cut is on the identity graph and the change feed's log, it survives a restart, and the two are not joined again.
/// </summary>
public sealed class UnmergeTests
{
    private static string CrossLike(string id) =>
        $$$"""{"id":"{{{id}}}","type":"live.like","ts":"{{{Json.Now(0.2)}}}","user":{"accountId":"au","viewerId":"vu"},"room":"room1","props":{"count":2}}""";

    [Fact]
    public async Task Unmerge_SplitsAWrongLink_RebuildsBothProfiles_AndKeepsThemApart()
    {
        using var dir = new TempDirectory();
        await using (var server = await InProcessServer.StartAsync(dir.Path))
        {
            (await server.PostNdjsonAsync([Json.Product("serum", "beauty/skincare/serum", 199), Json.Like("a1", "vu", 4), Json.View("b1", "au", "serum")]))
                .EnsureSuccessStatusCode();
            (await server.PostNdjsonAsync([Json.Link("wrong", "vu", "au")])).EnsureSuccessStatusCode();
            (await server.PostNdjsonAsync([Json.Like("a2", "vu", 3)])).EnsureSuccessStatusCode();
            await server.WaitAppliedAsync();
            Assert.Equal(await IdAsync(server, "viewer:vu"), await IdAsync(server, "account:au"));
            Assert.Equal((7, 1), await CountsAsync(server, "account:au"));

            using var response = await server.Http.PostAsJsonAsync("/v1/identity/unmerge", new { profile = "account:au", identifiers = new[] { "viewer:vu" } });
            var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(response.IsSuccessStatusCode, answer.ToString());
            Assert.Equal(2, answer.GetProperty("profiles").GetArrayLength());
            await AssertSplitAsync(server);

            // The same two identifiers in one event again: the event is the account's (named first), the two stay apart.
            (await server.PostNdjsonAsync([CrossLike("both")])).EnsureSuccessStatusCode();
            await server.WaitAppliedAsync();
            Assert.NotEqual(await IdAsync(server, "viewer:vu"), await IdAsync(server, "account:au"));
            Assert.Equal((2, 1), await CountsAsync(server, "account:au"));

            Assert.Equal(HttpStatusCode.Conflict, (await UnmergeAsync(server, "account:au", "viewer:vu")).StatusCode); // not a member any more
            using var relink = await server.Http.PostAsJsonAsync("/v1/identity/link", new { identifiers = new[] { "viewer:vu", "account:au" } });
            Assert.Equal(HttpStatusCode.Conflict, relink.StatusCode);
            Assert.Contains("kept_apart", await relink.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Conflict, (await UnmergeAsync(server, "account:au", "account:au")).StatusCode); // nothing left
            Assert.Equal(HttpStatusCode.NotFound, (await UnmergeAsync(server, "account:nobody", "viewer:vu")).StatusCode);
            using var bad = await server.Http.PostAsJsonAsync("/v1/identity/unmerge", new { profile = "account:au" });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("invalid_body", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // After a restart without a checkpoint the log is replayed, the unmerge with it.
        await using (var server = await InProcessServer.StartAsync(dir.Path))
        {
            await server.WaitAppliedAsync();
            await AssertSplitAsync(server, afterCross: true);
            await server.App.CheckpointAsync();
        }
        // After a checkpointed restart the graph keeps the cut.
        await using (var server = await InProcessServer.StartAsync(dir.Path))
        {
            await server.WaitAppliedAsync();
            await AssertSplitAsync(server, afterCross: true);
        }
    }

    [Fact]
    public async Task Link_ByAnOperator_JoinsWithTheConfidenceGiven_AndRejectsBadInput()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        (await server.PostNdjsonAsync([Json.Like("a1", "vx", 2), Json.View("b1", "ax", "serum")])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();
        using var response = await server.Http.PostAsJsonAsync("/v1/identity/link", new { identifiers = new[] { "viewer:vx", "account:ax" }, confidence = 0.8 });
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, answer.ToString());
        Assert.Equal(2, answer.GetProperty("identifiers").GetArrayLength());
        Assert.Equal(await IdAsync(server, "viewer:vx"), await IdAsync(server, "account:ax"));
        Assert.Equal((2, 1), await CountsAsync(server, "viewer:vx"));
        var link = Assert.Single(JsonDocument.Parse(await server.Http.GetStringAsync("/v1/identity/viewer:vx")).RootElement.GetProperty("links").EnumerateArray());
        Assert.Equal(0.8, link.GetProperty("confidence").GetDouble(), 5);
        Assert.True(link.GetProperty("merged").GetBoolean());

        foreach (var (body, code) in new (object, string)[]
        {
            (new { identifiers = new[] { "viewer:vx" } }, "invalid_body"),
            (new { identifiers = new[] { "viewer:vx", "nickname:小美" } }, "invalid_identifier"),
            (new { identifiers = new[] { "viewer:vx", "phone:12345" } }, "invalid_identifier"),
            (new { identifiers = new[] { "viewer:vx", "account:ay" }, confidence = 1.5 }, "invalid_confidence"),
        })
        {
            using var bad = await server.Http.PostAsJsonAsync("/v1/identity/link", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains(code, await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unmerge_WithoutTheWholeLog_IsRefused()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path, o => o.KeepLogHistory = false);
        (await server.PostNdjsonAsync([Json.Like("a1", "vu", 1), Json.View("b1", "au", "serum"), Json.Link("wrong", "vu", "au")])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();
        using var response = await UnmergeAsync(server, "account:au", "viewer:vu");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("history_incomplete", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(await IdAsync(server, "viewer:vu"), await IdAsync(server, "account:au"));
    }

    private static async Task AssertSplitAsync(InProcessServer server, bool afterCross = false)
    {
        Assert.NotEqual(await IdAsync(server, "viewer:vu"), await IdAsync(server, "account:au"));
        Assert.Equal((7, 0), await CountsAsync(server, "viewer:vu"));
        Assert.Equal((afterCross ? 2 : 0, 1), await CountsAsync(server, "account:au"));
        var graph = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/identity/account:au")).RootElement;
        Assert.Equal(1, graph.GetProperty("identifiers").GetArrayLength());
        Assert.Empty(graph.GetProperty("links").EnumerateArray());
        var cut = Assert.Single(graph.GetProperty("cuts").EnumerateArray());
        Assert.StartsWith("viewer:", cut.GetProperty("from").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("account:", cut.GetProperty("to").GetString(), StringComparison.Ordinal);
        Assert.True(cut.GetProperty("lsn").GetInt64() > cut.GetProperty("linkLsn").GetInt64());
    }

    private static Task<HttpResponseMessage> UnmergeAsync(InProcessServer server, string profile, string identifier) =>
        server.Http.PostAsJsonAsync("/v1/identity/unmerge", new { profile, identifiers = new[] { identifier } });

    private static async Task<string> IdAsync(InProcessServer server, string id) =>
        JsonDocument.Parse(await server.Http.GetStringAsync($"/v1/profiles/{id}")).RootElement.GetProperty("profileId").GetString()!;

    /// <summary>Likes and shop views of the last 7 days.</summary>
    private static async Task<(int Likes, int Views)> CountsAsync(InProcessServer server, string id)
    {
        var counts = JsonDocument.Parse(await server.Http.GetStringAsync($"/v1/profiles/{id}")).RootElement.GetProperty("features").GetProperty("counts");
        int Days7(string type) => counts.TryGetProperty(type, out var c) ? c.GetProperty("days7").GetInt32() : 0;
        return (Days7("live.like"), Days7("shop.view"));
    }
}
