using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Http;

/// <summary>Tags in <c>GET /v1/profiles/{id}</c> after ingesting the events that earn them.</summary>
public sealed class ProfileTagsTests
{
    [Fact]
    public async Task Profile_SharesAndAGiftEarnTags_TagsWithNamesSourceWeightAndSinceInEventTime()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        // Days ago, one request each: the tag is earned by the third share, at its event time, not at wall-clock time.
        var third = Json.Stamp(24 * 60 + 7.5);
        (await server.PostNdjsonAsync([Json.Share("s1", "v1", 3 * 24 * 60)])).EnsureSuccessStatusCode();
        (await server.PostNdjsonAsync([Json.Share("s2", "v1", 2 * 24 * 60)])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();
        var before = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/viewer:v1")).RootElement.GetProperty("tags");
        Assert.DoesNotContain(before.EnumerateArray(), t => t.GetProperty("id").GetString() == "sharer");

        (await server.PostNdjsonAsync([Json.Share("s3", "v1", third.Text)])).EnsureSuccessStatusCode();
        (await server.PostNdjsonAsync([Json.Gift("g1", "v1", 99.5, 60), Json.Gift("g2", "v1", 0.5, 30)])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();

        var tags = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/profiles/viewer:v1")).RootElement.GetProperty("tags")
            .EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        Assert.Contains("gift_giver", tags.Keys);
        var sharer = tags["sharer"];
        Assert.Equal("behavior", sharer.GetProperty("family").GetString());
        Assert.Equal("分享达人", sharer.GetProperty("name").GetString());
        Assert.Equal("Sharer", sharer.GetProperty("nameEn").GetString());
        Assert.Equal("rule", sharer.GetProperty("source").GetString());
        Assert.Equal(1, sharer.GetProperty("weight").GetDouble());
        // Tags keep minutes: since is the third share's event time, to the minute.
        var since = sharer.GetProperty("since").GetDateTimeOffset();
        Assert.Equal(third.At.ToUnixTimeMilliseconds() / 60_000 * 60_000, since.ToUnixTimeMilliseconds());
        Assert.Equal("打赏用户", tags["gift_giver"].GetProperty("name").GetString());
        Assert.True(tags["gift_giver"].GetProperty("since").GetDateTimeOffset() > since);
    }
}
