using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Rooms;

/// <summary>Pre-live invitations over a real server: interest in the line-up prefilters, marketing consent is required.</summary>
public sealed class InvitationTests
{
    private static string Consent(string id, string account, bool marketing) =>
        $$$"""{"id":"{{{id}}}","type":"user.consent","ts":"{{{Json.Now(50 * 60)}}}","user":{"accountId":"{{{account}}}"},"props":{"purposes":{"analytics":true,"marketing":{{{(marketing ? "true" : "false")}}}""" + "}}}";

    [Fact]
    public async Task Invitations_RankLikelyBuyersOfTheLineup_OnlyWithMarketingConsent()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var lines = new List<string>
        {
            Json.Product("serum", "beauty/skincare/serum", 199), Json.Product("lipstick", "beauty/makeup/lipstick", 99), Json.Product("phone", "digital/phone", 2999),
            $$$"""{"id":"s-eve","type":"catalog.session","ts":"{{{Json.Now(120)}}}","props":{"room":"r1","startsAt":"{{{Json.Now(-120)}}}","products":["serum","lipstick"],"title":"晚场"}}""",
            Consent("c1", "fan", true), Consent("c2", "lover", true), Consent("c3", "private", false), Consent("c4", "gadget", true),
            // The fan came to the room before and bought twice.
            $$$"""{"id":"j1","type":"live.join","ts":"{{{Json.Now(2 * 24 * 60)}}}","user":{"accountId":"fan"},"room":"r1"}""",
        };
        var n = 0;
        foreach (var (account, product) in new[] { ("fan", "serum"), ("lover", "lipstick"), ("private", "serum"), ("gadget", "phone") })
        {
            for (var k = 0; k < 6; k++)
            {
                lines.Add($$$"""{"id":"v{{{n++}}}","type":"shop.view","ts":"{{{Json.Now(24 * 60 - k * 30)}}}","user":{"accountId":"{{{account}}}"},"product":"{{{product}}}"}""");
            }
        }
        for (var o = 0; o < 2; o++)
        {
            lines.Add($$$"""{"id":"o{{{o}}}","type":"shop.order","ts":"{{{Json.Now(60 + o)}}}","user":{"accountId":"fan"},"props":{"orderId":"o{{{o}}}","items":[{"product":"serum","qty":1,"unitPrice":199,"discount":0}],"total":199}}""");
        }
        (await server.PostNdjsonAsync(lines)).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();

        using var response = await server.Http.PostAsJsonAsync("/v1/sessions/s-eve/invitations", new { limit = 10 });
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, answer.ToString());
        var invitees = answer.GetProperty("invitees").EnumerateArray().ToList();
        var fan = await IdAsync(server, "fan");
        var lover = await IdAsync(server, "lover");
        Assert.Equal([fan, lover], invitees.Select(i => i.GetProperty("profileId").GetString()));
        Assert.Equal(2, answer.GetProperty("candidatesScored").GetInt32()); // the digital shopper was not even scored
        Assert.Contains(invitees[0].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("earlier session", StringComparison.Ordinal));
        Assert.True(invitees[0].GetProperty("buy").GetDouble() > invitees[1].GetProperty("buy").GetDouble());

        using var one = await server.Http.PostAsJsonAsync("/v1/sessions/s-eve/invitations", new { limit = 1 });
        Assert.Single(JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement.GetProperty("invitees").EnumerateArray());
        using var unknown = await server.Http.PostAsJsonAsync("/v1/sessions/nope/invitations", new { limit = 1 });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var bad = await server.Http.PostAsJsonAsync("/v1/sessions/s-eve/invitations", new { limit = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static async Task<string> IdAsync(InProcessServer server, string account) =>
        JsonDocument.Parse(await server.Http.GetStringAsync($"/v1/profiles/account:{account}")).RootElement.GetProperty("profileId").GetString()!;
}
