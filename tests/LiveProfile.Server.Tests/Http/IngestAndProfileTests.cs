using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Http;

public sealed class IngestAndProfileTests
{
    [Fact]
    public async Task PostEvents_ThenGetProfile_FeaturesAndEmptyTagsSection()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var response = await server.PostNdjsonAsync([
            Json.Product("serum", "beauty/skincare/serum", 199, """["国潮"]"""),
            Json.Click("c1", "v1", "serum"),
            Json.Click("c2", "v1", "serum", 0.5),
            Json.Like("l1", "v1", 3),
        ]);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(0, answer.GetProperty("duplicates").GetInt32());
        await server.WaitAppliedAsync();

        var profile = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/viewer:v1")).RootElement;
        Assert.Equal(JsonValueKind.Array, profile.GetProperty("tags").ValueKind);
        var features = profile.GetProperty("features");
        Assert.Equal("beauty", features.GetProperty("categories")[0].GetProperty("key").GetString());
        Assert.Equal(2, features.GetProperty("counts").GetProperty("live.product_click").GetProperty("days7").GetInt32());
        Assert.Equal(3, features.GetProperty("counts").GetProperty("live.like").GetProperty("days7").GetInt32());
        Assert.Equal("国潮", features.GetProperty("labels")[0].GetProperty("key").GetString());

        var timeline = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/viewer:v1/timeline")).RootElement;
        Assert.Equal(["l1", "c2", "c1"], timeline.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task PostEvents_SameIdsTwice_CountedAsDuplicatesAndAppliedOnce()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        string[] batch = [Json.Like("d1", "v9", 2), Json.Like("d2", "v9", 5)];
        Assert.Contains("\"accepted\":2", await (await server.PostNdjsonAsync(batch)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var second = await (await server.PostNdjsonAsync(batch)).Content.ReadAsStringAsync();
        Assert.Contains("\"accepted\":0", second, StringComparison.Ordinal);
        Assert.Contains("\"duplicates\":2", second, StringComparison.Ordinal);
        await server.WaitAppliedAsync();
        var profile = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/viewer:v9")).RootElement;
        Assert.Equal(7, profile.GetProperty("features").GetProperty("counts").GetProperty("live.like").GetProperty("days7").GetInt32());
    }

    [Fact]
    public async Task PostEvents_BadLines_RejectedPerLineQuarantinedAndGoodLinesKept()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var response = await server.PostNdjsonAsync([Json.Like("ok1", "v1"), "{not json", """{"id":"x","type":"live.nope","ts":0}""", Json.Like("ok2", "v1")]);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        var rejected = answer.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("code").GetString())).ToList();
        Assert.Equal([(2, "invalid_json"), (3, "unknown_type")], rejected);

        var quarantine = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/quarantine")).RootElement.GetProperty("items");
        Assert.Equal(["invalid_json", "unknown_type"], quarantine.EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        var byCode = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/quarantine?code=unknown_type")).RootElement.GetProperty("items");
        Assert.Equal(1, byCode.GetArrayLength());
    }

    [Fact]
    public async Task Quarantine_TooOldEvent_ReplayedAfterRetentionIsRaised_IsAccepted()
    {
        using var dir = new TempDirectory();
        var old = $$$"""{"id":"old1","type":"live.like","ts":"{{{Json.Now(3 * 24 * 60)}}}","user":{"viewerId":"v5"},"room":"r1"}""";
        long seq;
        await using (var server = await InProcessServer.StartAsync(dir.Path, o => o.Retention = TimeSpan.FromDays(1)))
        {
            var answer = await (await server.PostNdjsonAsync([old])).Content.ReadAsStringAsync();
            Assert.Contains("too_old", answer, StringComparison.Ordinal);
            var items = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/quarantine")).RootElement.GetProperty("items");
            seq = items[0].GetProperty("seq").GetInt64();
        }
        await using (var server = await InProcessServer.StartAsync(dir.Path, o => o.Retention = TimeSpan.FromDays(30)))
        {
            var replay = await server.Http.PostAsync("/v1/quarantine/replay",
                new StringContent($$$"""{"seqs":[{{{seq}}}]}""", Encoding.UTF8, "application/json"));
            var body = await replay.Content.ReadAsStringAsync();
            Assert.Contains("\"outcome\":\"accepted\"", body, StringComparison.Ordinal);
            await server.WaitAppliedAsync();
            Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/v1/profiles/viewer:v5")).StatusCode);
            var items = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/quarantine")).RootElement.GetProperty("items");
            Assert.True(items[0].GetProperty("replayed").GetBoolean());
        }
    }

    [Fact]
    public async Task PostEvents_WrongContentType_415ProblemWithCode()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var response = await server.Http.PostAsync("/v1/events", new StringContent("x", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"code\":\"unsupported_media_type\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostEvents_BodyOver4MiB_413AndNothingStored()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var line = Json.Like("big", "v1");
        var lines = Enumerable.Range(0, 4 * 1024 * 1024 / line.Length + 10).Select(i => Json.Like($"big{i}", "v1"));
        var response = await server.PostNdjsonAsync(lines);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("request_too_large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var health = JsonDocument.Parse(await server.Http.GetStringAsync("/health")).RootElement;
        Assert.Equal(0, health.GetProperty("lastLsn").GetInt64());
    }

    [Fact]
    public async Task GetProfile_UnknownOrMalformedId_404And400Problems()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var missing = await server.Http.GetAsync("/v1/profiles/account:nobody");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("profile_not_found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var malformed = await server.Http.GetAsync("/v1/profiles/nobody");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("invalid_identifier", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdentityLink_ViewerAndAccountWithHistory_OneProfileWithBothHistories()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path, o => o.Partitions = 8);
        await server.PostNdjsonAsync([Json.Product("tv", "appliance/tv", 4999), Json.Click("k1", "viewer-77", "tv"), Json.View("k2", "acct-77", "tv")]);
        await server.PostNdjsonAsync([Json.Link("k3", "viewer-77", "acct-77")]);
        await server.WaitAppliedAsync();
        var byViewer = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/viewer:viewer-77")).RootElement;
        var byAccount = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/account:acct-77")).RootElement;
        Assert.Equal(byAccount.GetProperty("profileId").GetString(), byViewer.GetProperty("profileId").GetString());
        var counts = byAccount.GetProperty("features").GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("live.product_click").GetProperty("days7").GetInt32());
        Assert.Equal(1, counts.GetProperty("shop.view").GetProperty("days7").GetInt32());
        Assert.Equal(2, byAccount.GetProperty("identifiers").GetArrayLength());
    }

    [Fact]
    public async Task Restart_WithAndWithoutCheckpoint_ProfilesSurvive()
    {
        using var dir = new TempDirectory();
        await using (var server = await InProcessServer.StartAsync(dir.Path))
        {
            await server.PostNdjsonAsync([Json.Like("r1", "va", 2)]);
            await server.WaitAppliedAsync();
            await server.App.CheckpointAsync();
            await server.PostNdjsonAsync([Json.Like("r2", "va", 3)]); // only in the log tail
        }
        await using (var server = await InProcessServer.StartAsync(dir.Path))
        {
            await server.WaitAppliedAsync();
            var profile = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/viewer:va")).RootElement;
            Assert.Equal(5, profile.GetProperty("features").GetProperty("counts").GetProperty("live.like").GetProperty("days7").GetInt32());
            var again = await (await server.PostNdjsonAsync([Json.Like("r1", "va", 2), Json.Like("r2", "va", 3)])).Content.ReadAsStringAsync();
            Assert.Contains("\"duplicates\":2", again, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Identity_ViewerLinkedToAccount_ShowsTheJoinWhyAndWhen_AlsoAfterACheckpointedRestart()
    {
        using var dir = new TempDirectory();
        await using (var server = await InProcessServer.StartAsync(dir.Path))
        {
            await server.PostNdjsonAsync([Json.Like("i1", "vi"), Json.View("i2", "ai", "serum")]);
            await server.PostNdjsonAsync([Json.Link("i3", "vi", "ai")]);
            await server.WaitAppliedAsync();
            await AssertLineage(server);
            await server.App.CheckpointAsync();
        }
        await using (var server = await InProcessServer.StartAsync(dir.Path))
        {
            await server.WaitAppliedAsync();
            await AssertLineage(server);
            Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/v1/identity/viewer:nobody")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.GetAsync("/v1/identity/nickname:小美")).StatusCode);
        }

        static async Task AssertLineage(InProcessServer server)
        {
            var byViewer = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/identity/viewer:vi")).RootElement;
            var byAccount = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/identity/account:ai")).RootElement;
            Assert.Equal(byAccount.GetProperty("profile").GetString(), byViewer.GetProperty("profile").GetString());
            Assert.Equal(2, byViewer.GetProperty("identifiers").GetArrayLength());
            var link = Assert.Single(byViewer.GetProperty("links").EnumerateArray());
            Assert.Equal("identity.link", link.GetProperty("source").GetString());
            Assert.True(link.GetProperty("merged").GetBoolean()); // both had a profile: they were merged
            Assert.Equal(1, link.GetProperty("confidence").GetDouble());
            Assert.StartsWith("viewer:", link.GetProperty("from").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("account:", link.GetProperty("to").GetString(), StringComparison.Ordinal);
            Assert.True(link.GetProperty("lsn").GetInt64() >= 3);
        }
    }

    [Fact]
    public async Task Timeline_AfterACheckpointRemovedOldSegments_ShowsWhatIsRetained()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path, o =>
        {
            o.SegmentBytes = 4096;
            o.KeepLogHistory = false;
        });
        for (var batch = 0; batch < 10; batch++)
        {
            (await server.PostNdjsonAsync(Enumerable.Range(0, 20).Select(i => Json.Like($"t{batch}-{i}", "vt")))).EnsureSuccessStatusCode();
        }
        await server.WaitAppliedAsync();
        await server.App.CheckpointAsync();
        (await server.PostNdjsonAsync([Json.Like("after", "vt")])).EnsureSuccessStatusCode();
        var response = await server.Http.GetAsync("/v1/profiles/viewer:vt/timeline?limit=5");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = JsonDocument.Parse(body).RootElement.GetProperty("events");
        Assert.Equal("after", events[0].GetProperty("id").GetString());
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("scannedFromLsn").GetInt64() > 1);
    }

    [Fact]
    public async Task Operations_HealthMetricsOpenApi_Served()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        await server.PostNdjsonAsync([Json.Like("m1", "v1"), Json.Like("m2", "v2"), "nope"]);
        await server.WaitAppliedAsync();
        var health = JsonDocument.Parse(await server.Http.GetStringAsync("/health")).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(2, health.GetProperty("profiles").GetInt64());
        var metrics = await server.Http.GetStringAsync("/metrics");
        // The value is /health's (one counter feeds both); the meter name is shared by every in-process server of the test
        // run, so the scraped series may be another test's.
        Assert.Matches(new Regex(@"^liveprofile_profiles(\{[^}]*\})? \d+", RegexOptions.Multiline), metrics);
        Assert.Contains("liveprofile_ingest_accepted", metrics, StringComparison.Ordinal);
        Assert.Contains("code=\"invalid_json\"", metrics, StringComparison.Ordinal);
        Assert.Contains("liveprofile_partition_lag", metrics, StringComparison.Ordinal);
        using var unknown = await server.Http.GetAsync("/v1/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("not_found", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        var openApi = await server.Http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/v1/events", openApi, StringComparison.Ordinal);
        Assert.Contains("/v1/profiles/{id}", openApi, StringComparison.Ordinal);
    }
}
