using System.Net;
using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Http;

/// <summary><c>GET /v1/profiles/{id}/explain/{tag}</c> against a real server.</summary>
public sealed class ExplainTests
{
    [Fact]
    public async Task Explain_TagThatHolds_FactsWithValuesAndThresholdCarriedTagAndDecisiveEventsNewestFirst()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var newest = Json.Stamp(0.5); // newer than the like (1 min ago): the engine clock
        (await server.PostNdjsonAsync([
            Json.Share("old", "v1", 200 * 24 * 60), // beyond 180 days: never decisive
            Json.Share("s1", "v1", 3 * 24 * 60),
            Json.Like("l1", "v1", 2),               // not read by the tag
            Json.Share("s2", "v1", 2 * 24 * 60),
            Json.Share("s3", "v1", newest.Text),
        ])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();

        var response = await server.Http.GetAsync("/v1/profiles/viewer:v1/explain/sharer");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(body).RootElement;
        var tag = answer.GetProperty("tag");
        Assert.Equal("sharer", tag.GetProperty("id").GetString());
        Assert.Equal("behavior", tag.GetProperty("family").GetString());
        Assert.Equal("分享达人", tag.GetProperty("name").GetString());
        Assert.Equal("Sharer", tag.GetProperty("nameEn").GetString());
        Assert.Equal("rule", tag.GetProperty("source").GetString());
        Assert.True(answer.GetProperty("holds").GetBoolean());
        Assert.Equal(1, answer.GetProperty("carried").GetProperty("weight").GetDouble());
        var profile = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/viewer:v1")).RootElement;
        Assert.Equal(profile.GetProperty("profileId").GetString(), answer.GetProperty("profileId").GetString());

        // The comparison that decided it: count = 3 against the threshold 3.
        var comparison = answer.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "comparison");
        Assert.Equal(">=", comparison.GetProperty("operator").GetString());
        Assert.Contains("live.share", comparison.GetProperty("left").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, comparison.GetProperty("leftValue").GetDouble());
        Assert.Equal(3, comparison.GetProperty("rightValue").GetDouble());
        Assert.True(comparison.GetProperty("holds").GetBoolean());
        Assert.True(comparison.GetProperty("line").GetInt32() >= 1);
        Assert.True(comparison.GetProperty("column").GetInt32() >= 1);
        var call = answer.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "call");
        Assert.Equal("count", call.GetProperty("function").GetString());
        Assert.Equal(3, call.GetProperty("value").GetDouble());
        Assert.Equal(["'live.share'", "30d"], call.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("✓", answer.GetProperty("summary").GetString(), StringComparison.Ordinal);

        // Event time, not wall-clock time: the newest event routed.
        Assert.Equal(newest.At, answer.GetProperty("asOf").GetDateTimeOffset());
        Assert.Equal(["s3", "s2", "s1"], answer.GetProperty("decisiveEvents").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.All(answer.GetProperty("decisiveEvents").EnumerateArray(), e => Assert.Equal("live.share", e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Explain_TagThatDoesNotHold_FailingComparisonAndNoCarriedTag()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        (await server.PostNdjsonAsync([Json.Gift("g1", "v2", 50, 30), Json.Share("s1", "v2", 20)])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();

        var answer = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/viewer:v2/explain/gift_giver")).RootElement;
        Assert.False(answer.GetProperty("holds").GetBoolean());
        Assert.False(answer.TryGetProperty("carried", out _));
        var comparison = answer.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "comparison");
        Assert.Equal(50, comparison.GetProperty("leftValue").GetDouble());
        Assert.Equal(100, comparison.GetProperty("rightValue").GetDouble());
        Assert.False(comparison.GetProperty("holds").GetBoolean());
        Assert.Contains("✗", answer.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(["g1"], answer.GetProperty("decisiveEvents").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Explain_WeightedTag_WeightFactsAndValue()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        (await server.PostNdjsonAsync([
            Json.Product("serum", "beauty/skincare/serum", 199),
            .. Enumerable.Range(0, 6).Select(i => Json.Click($"c{i}", "v3", "serum", 10 - i)),
        ])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();

        var answer = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/viewer:v3/explain/interest:beauty")).RootElement;
        Assert.True(answer.GetProperty("holds").GetBoolean());
        Assert.Equal("interest:$category", answer.GetProperty("tag").GetProperty("definition").GetString());
        var weight = answer.GetProperty("weight");
        Assert.Equal(1, weight.GetProperty("value").GetDouble(), 3);
        Assert.Equal("share('beauty') = 1", weight.GetProperty("summary").GetString());
        var share = weight.GetProperty("facts").EnumerateArray().Single();
        Assert.Equal("share", share.GetProperty("function").GetString());
        Assert.Equal(["'beauty'"], share.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(answer.GetProperty("carried").GetProperty("weight").GetDouble(), weight.GetProperty("value").GetDouble(), 3);
        Assert.Equal(6, answer.GetProperty("decisiveEvents").GetArrayLength());
    }

    [Fact]
    public async Task Explain_UnknownTagOrProfile_404WithCodes()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        (await server.PostNdjsonAsync([Json.Like("l1", "v4")])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();

        var unknownTag = await server.Http.GetAsync("/v1/profiles/viewer:v4/explain/no_such_tag");
        Assert.Equal(HttpStatusCode.NotFound, unknownTag.StatusCode);
        Assert.Contains("\"code\":\"tag_not_found\"", await unknownTag.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknownProfile = await server.Http.GetAsync("/v1/profiles/viewer:nobody/explain/sharer");
        Assert.Equal(HttpStatusCode.NotFound, unknownProfile.StatusCode);
        Assert.Contains("\"code\":\"profile_not_found\"", await unknownProfile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var malformed = await server.Http.GetAsync("/v1/profiles/nobody/explain/sharer");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }
}
