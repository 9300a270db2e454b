using System.Net;
using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Rooms;

/// <summary>In-live recommendations over a real server: the line-up of a scheduled session ranked per viewer, with reasons.</summary>
public sealed class RecommendationTests
{
    private static string Consent(string id, string account) =>
        $$$"""{"id":"{{{id}}}","type":"user.consent","ts":"{{{Json.Now(50)}}}","user":{"accountId":"{{{account}}}"},"props":{"purposes":{"analytics":true,"personalization":true""" + "}}}";

    private static string ViewAt(string id, string account, string product, double minutesAgo) =>
        $$$"""{"id":"{{{id}}}","type":"shop.view","ts":"{{{Json.Now(minutesAgo)}}}","user":{"accountId":"{{{account}}}"},"product":"{{{product}}}"}""";

    private static async Task<JsonElement> RankAsync(InProcessServer server, string? user, int limit = 10)
    {
        var query = user is null ? $"?limit={limit}" : $"?user={user}&limit={limit}";
        using var response = await server.Http.GetAsync($"/v1/rooms/r1/recommendations{query}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body;
    }

    private static List<string> Order(JsonElement ranking) =>
        [.. ranking.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("product").GetString()!)];

    private static JsonElement Item(JsonElement ranking, string product) =>
        ranking.GetProperty("products").EnumerateArray().Single(p => p.GetProperty("product").GetString() == product);

    [Fact]
    public async Task Recommendations_RankTheLineupPerViewer_WithReasons_AndIgnoreProfilesWithoutConsent()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var lines = new List<string>
        {
            Json.Product("serum", "beauty/skincare/serum", 199), Json.Product("lipstick", "beauty/makeup/lipstick", 99),
            Json.Product("phone", "digital/phone", 2999), Json.Product("earbuds", "digital/audio", 399), Json.Product("toner", "beauty/skincare/toner", 89),
            $$$"""{"id":"s-r1","type":"catalog.session","ts":"{{{Json.Now(90)}}}","props":{"room":"r1","startsAt":"{{{Json.Now(60)}}}","products":["serum","lipstick","phone","earbuds"],"title":"晚场"}}""",
            Consent("c1", "beauty"), Consent("c2", "digital"), Consent("c5", "toner-fan"),
        };
        var n = 0;
        foreach (var (account, products) in new[] { ("beauty", new[] { "serum", "lipstick" }), ("digital", ["phone", "earbuds"]),
                     ("beauty-private", ["serum", "lipstick"]), ("digital-private", ["phone", "earbuds"]), ("toner-fan", ["toner"]) })
        {
            for (var k = 0; k < 6; k++) lines.Add(ViewAt($"v{n++}", account, products[k % products.Length], 2 * 24 * 60 - k * 60));
        }
        // Twelve shoppers who look at the toner and the lipstick together: the item-to-item model pairs them.
        for (var s = 0; s < 12; s++)
        {
            lines.Add(ViewAt($"t{s}", $"pair{s}", "toner", 3 * 24 * 60));
            lines.Add(ViewAt($"l{s}", $"pair{s}", "lipstick", 3 * 24 * 60 - 30));
        }
        // The room's momentum: three viewers click the earbuds in the session.
        for (var c = 0; c < 3; c++) lines.Add(Json.Click($"k{c}", $"clicker{c}", "earbuds")); // in room r1
        (await server.PostNdjsonAsync(lines)).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();
        using (var fit = await server.Http.PostAsync("/v1/models/items/fit", null))
        {
            var model = JsonDocument.Parse(await fit.Content.ReadAsStringAsync()).RootElement;
            Assert.True(fit.IsSuccessStatusCode, model.ToString());
            Assert.True(model.GetProperty("productsWithNeighbors").GetInt32() >= 2);
        }

        var beauty = await RankAsync(server, "account:beauty");
        Assert.True(beauty.GetProperty("personalised").GetBoolean());
        Assert.Equal(("s-r1", 4), (beauty.GetProperty("session").GetString(), beauty.GetProperty("lineupSize").GetInt32()));
        Assert.Equal(["lipstick", "serum"], Order(beauty).Take(2).Order());
        var reason = Item(beauty, "serum").GetProperty("reasons")[0];
        Assert.Equal("affinity", reason.GetProperty("kind").GetString());
        Assert.StartsWith("cat:beauty", reason.GetProperty("detail").GetString());

        var digital = await RankAsync(server, "account:digital");
        Assert.Equal(["earbuds", "phone"], Order(digital).Take(2).Order());

        // The toner fan never looked at the line-up, but at what the lipstick's audience looks at.
        var toner = await RankAsync(server, "account:toner-fan");
        var lipstick = Item(toner, "lipstick").GetProperty("reasons").EnumerateArray().ToList();
        Assert.Contains(lipstick, r => r.GetProperty("kind").GetString() == "similar_to_viewed" && r.GetProperty("detail").GetString() == "toner");

        // Without consent to personalisation, two opposite profiles get the very same ranking: popularity, momentum, the line-up's order.
        var beautyPrivate = await RankAsync(server, "account:beauty-private");
        var digitalPrivate = await RankAsync(server, "account:digital-private");
        var anonymous = await RankAsync(server, null);
        Assert.False(beautyPrivate.GetProperty("personalised").GetBoolean());
        Assert.Equal(beautyPrivate.GetProperty("products").ToString(), digitalPrivate.GetProperty("products").ToString());
        Assert.Equal(anonymous.GetProperty("products").ToString(), digitalPrivate.GetProperty("products").ToString());
        Assert.Equal(["lipstick", "earbuds", "serum", "phone"], Order(anonymous)); // popularity (the pairs looked at the lipstick), then momentum
        Assert.Equal("room_momentum", Item(anonymous, "earbuds").GetProperty("reasons")[0].GetProperty("kind").GetString());

        // The streamer presents the phone: it leads for everyone, the beauty lover too.
        // (Event time moves with people's events: a viewer's heartbeat comes after it.)
        (await server.PostNdjsonAsync([
            $$$"""{"id":"show","type":"live.product_on_screen","ts":"{{{Json.Now(0.2)}}}","room":"r1","product":"phone"}""",
            $$$"""{"id":"hb","type":"live.heartbeat","ts":"{{{Json.Now(0.1)}}}","user":{"viewerId":"clicker0"},"room":"r1"}""",
        ])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();
        var shown = await RankAsync(server, "account:beauty", limit: 1);
        Assert.Equal(["phone"], Order(shown));
        Assert.Equal("on_screen", Item(shown, "phone").GetProperty("reasons")[0].GetProperty("kind").GetString());
        using var badLimit = await server.Http.GetAsync("/v1/rooms/r1/recommendations?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        using var noLineup = await server.Http.GetAsync("/v1/rooms/nowhere/recommendations");
        Assert.Equal(HttpStatusCode.NotFound, noLineup.StatusCode);
        Assert.Contains("no_lineup", await noLineup.Content.ReadAsStringAsync());
    }
}
