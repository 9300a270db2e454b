using System.Net;
using System.Text.Json;
using LiveProfile.Engine.Tags.Taxonomy;
using LiveProfile.Server.Rooms;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Rooms;

/// <summary>View variants over a real server: the shipped table chooses expert, newcomer or standard views from each viewer's facts.</summary>
public sealed class ViewVariantTests
{
    private static string Consent(string id, string user) =>
        $$$"""{"id":"{{{id}}}","type":"user.consent","ts":"{{{Json.Now(50)}}}","user":{{{user}}},"props":{"purposes":{"analytics":true,"personalization":true""" + "}}}";

    private static string Join(string id, string user, double minutesAgo) =>
        $$$"""{"id":"{{{id}}}","type":"live.join","ts":"{{{Json.Now(minutesAgo)}}}","user":{{{user}}},"room":"r1"}""";

    private static string Order(string id, string user, double minutesAgo) =>
        $$$"""{"id":"{{{id}}}","type":"shop.order","ts":"{{{Json.Now(minutesAgo)}}}","user":{{{user}}},"props":{"orderId":"{{{id}}}","items":[{"product":"serum","qty":1,"unitPrice":199,"discount":0}],"total":199}}""";

    private static async Task<JsonElement> VariantAsync(InProcessServer server, string user)
    {
        using var response = await server.Http.GetAsync($"/v1/rooms/r1/variant?user={user}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body;
    }

    [Fact]
    public async Task Variant_ChosenFromEachViewersFacts_AndNeverPersonalisedWithoutConsent()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        const string expert = """{"accountId":"a1"}""", newbie = """{"accountId":"a2"}""", first = """{"viewerId":"v3"}""",
            regular = """{"viewerId":"v4"}""", private_ = """{"accountId":"a5"}""";
        string[] lines =
        [
            Json.Product("serum", "beauty/skincare/serum", 199),
            Consent("c1", expert), Order("o1", expert, 3 * 24 * 60), Order("o2", expert, 24 * 60), Join("j1", expert, 2),
            Consent("c2", newbie),
            $$$"""{"id":"p2","type":"user.profile","ts":"{{{Json.Now(40)}}}","user":{{{newbie}}},"props":{"registeredAt":"{{{Json.Now(3 * 24 * 60)}}}"}}""",
            Join("j2", newbie, 2),
            // Known for 40 days (no longer new_user, which counts from registration or else first sight), new to the room.
            $$$"""{"id":"w3","type":"shop.view","ts":"{{{Json.Now(40 * 24 * 60)}}}","user":{{{first}}},"product":"serum"}""",
            Consent("c3", first), Join("j3", first, 2),
            Consent("c4", regular), Join("j4a", regular, 40 * 24 * 60), Join("j4b", regular, 2),
            Order("o5", private_, 3 * 24 * 60), Order("o6", private_, 24 * 60), Join("j5", private_, 2),
            $$$"""{"id":"s1","type":"live.product_on_screen","ts":"{{{Json.Now(5)}}}","room":"r1","product":"serum"}""",
        ];
        (await server.PostNdjsonAsync(lines)).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();

        var a1 = await VariantAsync(server, "account:a1");
        Assert.Equal(("expert", "expert_by_repurchase"), (a1.GetProperty("variant").GetString(), a1.GetProperty("rule").GetString()));
        Assert.Equal(("serum", "beauty", 2), (a1.GetProperty("onScreen").GetString(), a1.GetProperty("onScreenCategory").GetString(),
            a1.GetProperty("categoryOrders180Days").GetInt32()));
        Assert.Contains("复购", a1.GetProperty("reasonZh").GetString());

        var a2 = await VariantAsync(server, "account:a2");
        Assert.Equal(("newcomer", "newcomer_new_user"), (a2.GetProperty("variant").GetString(), a2.GetProperty("rule").GetString()));

        var v3 = await VariantAsync(server, "viewer:v3");
        Assert.Equal(("newcomer", "newcomer_first_visit"), (v3.GetProperty("variant").GetString(), v3.GetProperty("rule").GetString()));
        Assert.False(v3.GetProperty("returningToRoom").GetBoolean());

        var v4 = await VariantAsync(server, "viewer:v4");
        Assert.Equal("standard", v4.GetProperty("variant").GetString());
        Assert.False(v4.TryGetProperty("rule", out _));
        Assert.True(v4.GetProperty("returningToRoom").GetBoolean());

        // The same buying as a1, without consent to personalisation: the default view, saying why.
        var a5 = await VariantAsync(server, "account:a5");
        Assert.Equal("standard", a5.GetProperty("variant").GetString());
        Assert.False(a5.GetProperty("personalised").GetBoolean());
        Assert.Contains("consent", a5.GetProperty("reasonEn").GetString());

        using var unknown = await server.Http.GetAsync("/v1/rooms/r1/variant?user=account:nobody");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var missing = await server.Http.GetAsync("/v1/rooms/r1/variant");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("missing_user", await missing.Content.ReadAsStringAsync());
        Assert.True(File.Exists(Path.Combine(dir.Path, ViewVariants.FileName))); // the table, for operators to edit
    }

    [Theory]
    [InlineData("rules:\n  - id: x\n    variant: expert\n    zh: a\n    en: b\ndefault: { variant: standard, zh: a, en: b }\n", "rule 1 (x): give at least one of")]
    [InlineData("rules:\n  - id: x\n    variant: expert\n    when: 'a and ('\n    zh: a\n    en: b\ndefault: { variant: standard, zh: a, en: b }\n", "rule 1 (x): when:")]
    [InlineData("rules: []\n", "needs a default")]
    [InlineData("rules:\n  - id: x\n    variant: expert\n    first_visit: true\n    zh: a\n    en: b\n  - id: x\n    variant: newcomer\n    first_visit: false\n    zh: a\n    en: b\ndefault: { variant: standard, zh: a, en: b }\n", "rule 2 (x): the id is used twice")]
    public void Parse_BadTable_NamesTheRuleAndTheField(string yaml, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => ViewVariants.Parse(yaml, "variants.yaml", CompiledTaxonomy.Default));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Shipped_TableParses() => Assert.Equal(4, ViewVariants.Parse(ViewVariants.Shipped(), "shipped", CompiledTaxonomy.Default).Rules.Count);
}
