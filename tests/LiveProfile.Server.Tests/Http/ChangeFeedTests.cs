using System.Net;
using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Http;

/// <summary><c>GET /v1/changes</c>: Server-Sent Events read by a streaming HttpClient while events are ingested.</summary>
public sealed class ChangeFeedTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    private static async Task<(HttpResponseMessage Response, SseReader Reader)> OpenAsync(InProcessServer server, string query, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/changes" + query);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return (response, new SseReader(await response.Content.ReadAsStreamAsync()));
    }

    [Fact]
    public async Task Changes_ThreeSharesIngested_SharerAddedEventWithProfileEventTimeAndSequence()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var (response, sse) = await OpenAsync(server, "?tag=sharer");
        using (response)
        using (sse)
        {
            var third = Json.Stamp(5);
            (await server.PostNdjsonAsync([Json.Share("s1", "v1", 30), Json.Share("s2", "v1", 20), Json.Share("s3", "v1", third.Text)]))
                .EnsureSuccessStatusCode();
            using var timeout = new CancellationTokenSource(ReadTimeout);
            var frame = await sse.NextEventAsync(timeout.Token);

            Assert.Equal("added", frame.Event);
            Assert.True(long.Parse(frame.Id!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
            var data = JsonDocument.Parse(frame.Data).RootElement;
            var profile = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/viewer:v1")).RootElement;
            Assert.Equal(profile.GetProperty("profileId").GetString(), data.GetProperty("profile").GetString());
            Assert.Matches("^profile:[0-9a-f]{16}$", data.GetProperty("profile").GetString());
            Assert.Equal("sharer", data.GetProperty("tag").GetString());
            Assert.Equal("added", data.GetProperty("kind").GetString());
            Assert.Equal(1, data.GetProperty("weight").GetDouble());
            Assert.Equal(0, data.GetProperty("previousWeight").GetDouble());
            Assert.Equal(third.At, data.GetProperty("at").GetDateTimeOffset());
            Assert.Equal(1, data.GetProperty("taxonomyVersion").GetInt32());
            Assert.Equal(0, data.GetProperty("missed").GetInt64());
        }
    }

    [Fact]
    public async Task Changes_MergeAndUnmerge_AreOnTheFeed_AsIdentityChanges()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var (response, sse) = await OpenAsync(server, "?tag=identity");
        using (response)
        using (sse)
        {
            (await server.PostNdjsonAsync([Json.Like("a1", "vm"), Json.View("b1", "am", "serum")])).EnsureSuccessStatusCode();
            (await server.PostNdjsonAsync([Json.Link("m", "vm", "am")])).EnsureSuccessStatusCode();
            await server.WaitAppliedAsync();
            using var timeout = new CancellationTokenSource(ReadTimeout);
            var merged = await sse.NextEventAsync(timeout.Token);
            Assert.Equal("merged", merged.Event);
            var data = JsonDocument.Parse(merged.Data).RootElement;
            var account = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/account:am")).RootElement.GetProperty("profileId").GetString();
            Assert.Equal(account, data.GetProperty("profile").GetString());
            Assert.Contains("merged into it", data.GetProperty("reason").GetString(), StringComparison.Ordinal);

            var body = new StringContent("""{"profile":"account:am","identifiers":["viewer:vm"]}""", System.Text.Encoding.UTF8, "application/json");
            (await server.Http.PostAsync("/v1/identity/unmerge", body)).EnsureSuccessStatusCode();
            var unmerged = new[] { await sse.NextEventAsync(timeout.Token), await sse.NextEventAsync(timeout.Token) };
            Assert.All(unmerged, f => Assert.Equal("unmerged", f.Event));
            var viewer = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/viewer:vm")).RootElement.GetProperty("profileId").GetString();
            Assert.Equal(new[] { account, viewer }.Order(), unmerged.Select(f => JsonDocument.Parse(f.Data).RootElement.GetProperty("profile").GetString()).Order());
        }
    }

    [Fact]
    public async Task Changes_TagPrefixAndKindFilters_OnlyMatchingChangesArrive()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var (response, sse) = await OpenAsync(server, "?tag=gift*&tag=no_such_tag&kind=added");
        using (response)
        using (sse)
        {
            // A sharer first: filtered out, so the first event read must be the gift giver.
            (await server.PostNdjsonAsync([Json.Share("s1", "v1", 30), Json.Share("s2", "v1", 20), Json.Share("s3", "v1", 10)])).EnsureSuccessStatusCode();
            await server.WaitAppliedAsync();
            (await server.PostNdjsonAsync([Json.Gift("g1", "v2", 120, 5)])).EnsureSuccessStatusCode();
            using var timeout = new CancellationTokenSource(ReadTimeout);
            var frame = await sse.NextEventAsync(timeout.Token);
            Assert.Equal("added", frame.Event);
            Assert.Equal("gift_giver", JsonDocument.Parse(frame.Data).RootElement.GetProperty("tag").GetString());
        }
    }

    [Fact]
    public async Task Changes_ProfileFilter_OnlyThatProfilesChanges()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        (await server.PostNdjsonAsync([Json.Like("l1", "v2")])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();
        var (response, sse) = await OpenAsync(server, "?profile=viewer:v2&tag=sharer");
        using (response)
        using (sse)
        {
            (await server.PostNdjsonAsync([Json.Share("a1", "v1", 30), Json.Share("a2", "v1", 20), Json.Share("a3", "v1", 10)])).EnsureSuccessStatusCode();
            await server.WaitAppliedAsync();
            (await server.PostNdjsonAsync([Json.Share("b1", "v2", 9), Json.Share("b2", "v2", 8), Json.Share("b3", "v2", 7)])).EnsureSuccessStatusCode();
            using var timeout = new CancellationTokenSource(ReadTimeout);
            var data = JsonDocument.Parse((await sse.NextEventAsync(timeout.Token)).Data).RootElement;
            var v2 = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/viewer:v2")).RootElement;
            Assert.Equal(v2.GetProperty("profileId").GetString(), data.GetProperty("profile").GetString());
            Assert.Equal("sharer", data.GetProperty("tag").GetString());
        }
        var unknown = await server.Http.GetAsync("/v1/changes?profile=viewer:nobody");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("\"code\":\"profile_not_found\"", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_LastEventIdOrAfter_ResumesFromRetainedChanges()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        (await server.PostNdjsonAsync([Json.Share("s1", "v1", 30), Json.Share("s2", "v1", 20), Json.Share("s3", "v1", 10)])).EnsureSuccessStatusCode();
        (await server.PostNdjsonAsync([Json.Gift("g1", "v1", 150, 5)])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();

        using var timeout = new CancellationTokenSource(ReadTimeout);
        var (first, all) = await OpenAsync(server, "?after=0&tag=sharer&tag=gift_giver");
        SseFrame sharer, gift;
        using (first)
        using (all)
        {
            sharer = await all.NextEventAsync(timeout.Token);
            gift = await all.NextEventAsync(timeout.Token);
        }
        Assert.Equal("sharer", JsonDocument.Parse(sharer.Data).RootElement.GetProperty("tag").GetString());
        Assert.Equal("gift_giver", JsonDocument.Parse(gift.Data).RootElement.GetProperty("tag").GetString());
        Assert.True(long.Parse(gift.Id!, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(sharer.Id!, System.Globalization.CultureInfo.InvariantCulture));

        // A reconnecting EventSource sends the id of the last event it saw: it gets what came after.
        var (second, resumed) = await OpenAsync(server, "?tag=sharer&tag=gift_giver", lastEventId: sharer.Id);
        using (second)
        using (resumed)
        {
            var next = await resumed.NextEventAsync(timeout.Token);
            Assert.Equal(gift.Id, next.Id);
            Assert.Equal(gift.Data, next.Data);
        }
        var invalid = await server.Http.GetAsync("/v1/changes?after=abc");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("\"code\":\"invalid_after\"", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var kind = await server.Http.GetAsync("/v1/changes?kind=renamed");
        Assert.Equal(HttpStatusCode.BadRequest, kind.StatusCode);
        Assert.Contains("\"code\":\"invalid_kind\"", await kind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_ResumeFromBeyondTheRing_FirstEventCountsTheLostChanges()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path, o => o.ChangeFeedRetained = 1);
        (await server.PostNdjsonAsync([Json.Share("s1", "v1", 30), Json.Share("s2", "v1", 20), Json.Share("s3", "v1", 10)])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();
        (await server.PostNdjsonAsync([Json.Gift("g1", "v1", 150, 5)])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();
        var (response, sse) = await OpenAsync(server, "?after=0");
        using (response)
        using (sse)
        {
            using var timeout = new CancellationTokenSource(ReadTimeout);
            var frame = await sse.NextEventAsync(timeout.Token);
            var data = JsonDocument.Parse(frame.Data).RootElement;
            Assert.Equal("gift_giver", data.GetProperty("tag").GetString());
            Assert.Equal(long.Parse(frame.Id!, System.Globalization.CultureInfo.InvariantCulture) - 1, data.GetProperty("missed").GetInt64());
        }
    }

    [Fact]
    public async Task Changes_Idle_KeepAliveCommentsAndServerStopsWithStreamOpen()
    {
        using var dir = new TempDirectory();
        var server = await InProcessServer.StartAsync(dir.Path, o => o.ChangeFeedKeepAlive = TimeSpan.FromMilliseconds(200));
        try
        {
            var (response, sse) = await OpenAsync(server, "");
            using (response)
            using (sse)
            {
                using var timeout = new CancellationTokenSource(ReadTimeout);
                var comments = new List<string>();
                while (comments.Count < 3) comments.Add((await sse.NextFrameAsync(timeout.Token)).Comment!);
                Assert.Equal(["liveprofile tag changes", "keep-alive", "keep-alive"], comments);

                // Stopping the server ends the stream instead of waiting for the client to leave.
                var stopping = System.Diagnostics.Stopwatch.StartNew();
                await server.App.StopAsync();
                Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"stop took {stopping.Elapsed}");
                await Assert.ThrowsAnyAsync<Exception>(async () =>
                {
                    while (true) await sse.NextFrameAsync(timeout.Token);
                });
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
