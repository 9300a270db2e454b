using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Http;

/// <summary>
/// The identity matcher inside a real server: viewers who never logged in are matched to shop accounts from what the log
/// says (nickname, region, address, products touched close in time); the sure ones are linked with their probability and
/// reasons, the unsure ones wait for review, and a reviewer's accept links while a reject keeps the two apart, through a
/// restart.
/// </summary>
public sealed class IdentityMatchingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int People = 200;
    private static readonly string[] First = ["小", "阿", "大", "甜", "萌", "老"];
    private static readonly string[] Middle = [.. "星月云雪花风雨晨曦糖果桃李梅兰竹菊松柏鹿".Select(c => c.ToString())];
    private static readonly string[] Last = [.. "儿子妹哥姐宝仔酱喵汪丫妞娃猫熊兔鱼鸟虎龙".Select(c => c.ToString())];
    private static readonly (string Province, string City)[] Cities =
        [("浙江", "杭州"), ("江苏", "南京"), ("广东", "广州"), ("广东", "深圳"), ("四川", "成都"), ("湖北", "武汉"), ("山东", "济南"), ("福建", "厦门")];

    [Fact]
    public async Task Matching_LinksTheSureOnes_QueuesTheUnsure_AndReviewDecisionsLast()
    {
        using var dir = new TempDirectory();
        void Configure(ServerOptions o) => o.IdentityMatchInterval = TimeSpan.Zero;
        var unlinked = new List<int>();
        await using (var server = await InProcessServer.StartAsync(dir.Path, Configure))
        {
            (await server.PostNdjsonAsync(Population(unlinked))).EnsureSuccessStatusCode();
            await server.WaitAppliedAsync();
            var pass = await RunAsync(server);
            Assert.False(pass.TryGetProperty("skipped", out _), pass.ToString());
            Assert.True(pass.GetProperty("refitted").GetBoolean());
            Assert.Equal(unlinked.Count + 60 + 2, pass.GetProperty("viewersDecided").GetInt32());

            // The links it made: right almost always, and most of the people found.
            var found = new List<int>();
            foreach (var i in unlinked) if (await IdAsync(server, $"viewer:v{i}") == await IdAsync(server, $"account:a{i}")) found.Add(i);
            var right = found.Count;
            var linked = pass.GetProperty("autoLinked").GetInt32();
            output.WriteLine($"{linked} linked, {right} right, of {unlinked.Count} people not logged in; {pass}");
            Assert.True(right >= 0.95 * linked, $"{right} of {linked} links right");
            Assert.True(right >= 0.7 * unlinked.Count, $"{right} of {unlinked.Count} people linked");
            var lineage = JsonDocument.Parse(await server.Http.GetStringAsync($"/v1/identity/viewer:v{found[0]}")).RootElement;
            var link = lineage.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("source").GetString() == "identity.match");
            Assert.InRange(link.GetProperty("confidence").GetDouble(), 0.6, 1.0);
            Assert.StartsWith("p 0.", link.GetProperty("why").GetString(), StringComparison.Ordinal);

            // Two accounts of the same name in the same city, a viewer of that name: a candidate each, for review.
            var twins = await CandidatesOfAsync(server, "viewer:vt");
            Assert.Equal(2, twins.Count);
            Assert.All(twins, c => Assert.Equal(1, c.GetProperty("rivals").GetInt32()));
            Assert.All(twins, c => Assert.InRange(c.GetProperty("probability").GetDouble(), 0.3, 0.6));
            Assert.All(twins, c => Assert.StartsWith("below the auto-link threshold", c.GetProperty("why").GetString(), StringComparison.Ordinal));
            Assert.Contains(twins[0].GetProperty("fields").EnumerateArray(), f => f.GetProperty("field").GetString() == "nickname" && f.GetProperty("level").GetString() == "same");
            var t1 = await PseudonymAsync(server, "account:t1");
            var accept = twins.Single(c => c.GetProperty("account").GetString() == t1);
            using (var accepted = await server.Http.PostAsync($"/v1/identity/candidates/{accept.GetProperty("id").GetString()}/accept", null))
            {
                Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
            }
            Assert.Equal(await IdAsync(server, "viewer:vt"), await IdAsync(server, "account:t1"));
            Assert.Empty(await CandidatesOfAsync(server, "viewer:vt")); // a viewer is one account: its other candidate is gone
            var reviewed = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/identity/viewer:vt")).RootElement.GetProperty("links")
                .EnumerateArray().Single(l => l.GetProperty("source").GetString() == "identity.match");
            Assert.Equal(1.0, reviewed.GetProperty("confidence").GetDouble());
            Assert.StartsWith("accepted in review", reviewed.GetProperty("why").GetString(), StringComparison.Ordinal);

            var s1 = await PseudonymAsync(server, "account:s1");
            var reject = (await CandidatesOfAsync(server, "viewer:vs")).Single(c => c.GetProperty("account").GetString() == s1);
            using (var rejected = await server.Http.PostAsync($"/v1/identity/candidates/{reject.GetProperty("id").GetString()}/reject", null))
            {
                Assert.True(rejected.IsSuccessStatusCode, await rejected.Content.ReadAsStringAsync());
            }
            var cut = Assert.Single(JsonDocument.Parse(await server.Http.GetStringAsync("/v1/identity/viewer:vs")).RootElement.GetProperty("cuts").EnumerateArray());
            Assert.Equal("review", cut.GetProperty("source").GetString());
            using var relink = await server.Http.PostAsJsonAsync("/v1/identity/link", new { identifiers = new[] { "viewer:vs", "account:s1" } });
            Assert.Equal(HttpStatusCode.Conflict, relink.StatusCode);

            Assert.Equal(HttpStatusCode.NotFound, (await server.Http.PostAsync("/v1/identity/candidates/00-00/accept", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await server.Http.PostAsync($"/v1/identity/candidates/{reject.GetProperty("id").GetString()}/reject", null)).StatusCode);
            using var badLimit = await server.Http.GetAsync("/v1/identity/candidates?limit=0");
            Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
            Assert.Contains("invalid_limit", await badLimit.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // Between fits a pass matches what is new: a new account, and a new viewer who clicked what it then viewed.
            (await server.PostNdjsonAsync(
            [
                Profile("anp", "accountId", "an", "浙江", "杭州", "杭州市西湖区文化路8号翠苑3栋"), View("anv", "an", "新来的猫咪", "qn", 20),
                Click("vnc", "vn", "新来的猫咪✨", "qn", 25), Profile("vnp", "viewerId", "vn", "浙江", "杭州", null),
                // Sure of t1 (its name, its city, the product it viewed), but t1 has a viewer id now (vt): for review.
                Click("vxc", "vx", "双子星", "qt1", 505), Profile("vxp", "viewerId", "vx", "浙江", "杭州", null),
            ])).EnsureSuccessStatusCode();
            await server.WaitAppliedAsync();
            var next = await RunAsync(server);
            Assert.False(next.GetProperty("refitted").GetBoolean(), next.ToString());
            Assert.Equal(2, next.GetProperty("viewersDecided").GetInt32());
            Assert.Equal(1, next.GetProperty("autoLinked").GetInt32());
            Assert.Equal(await IdAsync(server, "viewer:vn"), await IdAsync(server, "account:an"));
            var held = (await CandidatesOfAsync(server, "viewer:vx")).Single(c => c.GetProperty("account").GetString() == t1);
            Assert.True(held.GetProperty("probability").GetDouble() >= 0.6, held.ToString());
            Assert.Equal("the account has a viewer id already", held.GetProperty("why").GetString());
            Assert.DoesNotContain(await CandidatesOfAsync(server, "viewer:vs"), c => c.GetProperty("id").GetString() == reject.GetProperty("id").GetString());
        }
        // After a restart the evidence is read from the log again; the decisions hold.
        await using (var server = await InProcessServer.StartAsync(dir.Path, Configure))
        {
            await server.WaitAppliedAsync();
            var pass = await RunAsync(server);
            Assert.True(pass.GetProperty("refitted").GetBoolean(), pass.ToString());
            Assert.Equal(0, pass.GetProperty("autoLinked").GetInt32()); // the sure ones are linked already
            Assert.Equal(await IdAsync(server, "viewer:vt"), await IdAsync(server, "account:t1"));
            Assert.NotEqual(await IdAsync(server, "viewer:vs"), await IdAsync(server, "account:s1"));
            var s1 = await PseudonymAsync(server, "account:s1");
            Assert.DoesNotContain(await CandidatesOfAsync(server, "viewer:vs"), c => c.GetProperty("account").GetString() == s1);
        }
    }

    [Fact]
    public async Task Matching_WithTooFewRecords_SaysWhy_AndLinksNothing()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path, o => o.IdentityMatchInterval = TimeSpan.Zero);
        (await server.PostNdjsonAsync([Json.Click("c1", "v1", "p1"), Json.View("b1", "a1", "p1")])).EnsureSuccessStatusCode();
        await server.WaitAppliedAsync();
        var pass = await RunAsync(server);
        Assert.Contains("at least 20", pass.GetProperty("skipped").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, pass.GetProperty("autoLinked").GetInt32());
        Assert.NotEqual(await IdAsync(server, "viewer:v1"), await IdAsync(server, "account:a1"));
    }

    /// <summary>
    /// People with a shop account (a{i}) and a live viewer id (v{i}): 40 % logged in (linked), the rest not (in
    /// <paramref name="unlinked"/>); 60 viewers without an account; and two pairs of same-named accounts (t1, t2 and
    /// s1, s2) with a viewer of that name each (vt, vs).
    /// </summary>
    private static List<string> Population(List<int> unlinked)
    {
        var random = new Random(7);
        var lines = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        string Name()
        {
            while (true)
            {
                var name = First[random.Next(First.Length)] + Middle[random.Next(Middle.Length)] + Last[random.Next(Last.Length)];
                if (names.Add(name)) return name;
            }
        }
        for (var i = 0; i < People; i++)
        {
            var name = Name();
            var (province, city) = Cities[random.Next(Cities.Length)];
            var minutes = 60 + random.Next(2_000);
            var product = $"p{random.Next(400)}";
            lines.Add(Profile($"ap{i}", "accountId", $"a{i}", province, city, $"{city}市西湖区文化路{random.Next(1, 300)}号阳光花园{random.Next(1, 30)}栋"));
            lines.Add(View($"av{i}", $"a{i}", random.NextDouble() < 0.8 ? name : null, product, minutes - random.Next(2, 30)));
            var decorated = random.Next(3) switch { 0 => name, 1 => $"{name}~", _ => $"🌸{name}" };
            lines.Add(Click($"vc{i}", $"v{i}", decorated, product, minutes));
            if (random.NextDouble() < 0.7) lines.Add(Profile($"vp{i}", "viewerId", $"v{i}", province, city, null));
            if (random.NextDouble() < 0.4) lines.Add(Json.Link($"l{i}", $"v{i}", $"a{i}"));
            else unlinked.Add(i);
        }
        for (var i = 0; i < 60; i++) lines.Add(Click($"wc{i}", $"w{i}", Name(), $"p{random.Next(400)}", 60 + random.Next(2_000)));
        foreach (var (name, twin, viewer) in new[] { ("双子星", "t", "vt"), ("同名猫", "s", "vs") })
        {
            for (var n = 1; n <= 2; n++)
            {
                lines.Add(Profile($"{twin}p{n}", "accountId", $"{twin}{n}", "浙江", "杭州", null));
                lines.Add(View($"{twin}v{n}", $"{twin}{n}", name, $"q{twin}{n}", 500));
            }
            lines.Add(Click($"{viewer}c", viewer, name, $"q-{viewer}", 400));
            lines.Add(Profile($"{viewer}p", "viewerId", viewer, "浙江", "杭州", null));
        }
        return lines;
    }

    private static string Profile(string id, string kind, string who, string province, string city, string? address) =>
        $$$"""{"id":"{{{id}}}","type":"user.profile","ts":"{{{Json.Now(3_000)}}}","user":{"{{{kind}}}":"{{{who}}}"},"props":{"province":"{{{province}}}","city":"{{{city}}}"{{{(address is null ? "" : $",\"address\":\"{address}\"")}}}}}""";

    private static string View(string id, string account, string? nickname, string product, double minutesAgo) =>
        $$$"""{"id":"{{{id}}}","type":"shop.view","ts":"{{{Json.Now(minutesAgo)}}}","user":{"accountId":"{{{account}}}"{{{(nickname is null ? "" : $",\"nickname\":\"{nickname}\"")}}}},"product":"{{{product}}}","props":{"durationMs":5000}}""";

    private static string Click(string id, string viewer, string nickname, string product, double minutesAgo) =>
        $$$"""{"id":"{{{id}}}","type":"live.product_click","ts":"{{{Json.Now(minutesAgo)}}}","user":{"viewerId":"{{{viewer}}}","nickname":"{{{nickname}}}"},"room":"r1","product":"{{{product}}}"}""";

    private static async Task<JsonElement> RunAsync(InProcessServer server)
    {
        using var response = await server.Http.PostAsync("/v1/identity/matching/run", null);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, answer.ToString());
        return answer.GetProperty("lastPass");
    }

    private static async Task<List<JsonElement>> CandidatesOfAsync(InProcessServer server, string viewer)
    {
        var pseudonym = await PseudonymAsync(server, viewer);
        var page = JsonDocument.Parse(await server.Http.GetStringAsync($"/v1/identity/candidates?limit={500}")).RootElement;
        return [.. page.GetProperty("candidates").EnumerateArray().Where(c => c.GetProperty("viewer").GetString() == pseudonym)];
    }

    /// <summary>An identifier as the API shows it (pseudonymised): its own entry among its profile's identifiers.</summary>
    private static async Task<string> PseudonymAsync(InProcessServer server, string id)
    {
        var kind = id[..id.IndexOf(':', StringComparison.Ordinal)];
        var own = JsonDocument.Parse(await server.Http.GetStringAsync($"/v1/identity/{id}")).RootElement.GetProperty("identifiers")
            .EnumerateArray().Select(e => e.GetString()!).Where(e => e.StartsWith(kind + ":", StringComparison.Ordinal)).ToList();
        Assert.True(own.Count == 1, $"{id} is one of {string.Join(", ", own)}: {await server.Http.GetStringAsync($"/v1/identity/{id}")}");
        return own[0];
    }

    private static async Task<string> IdAsync(InProcessServer server, string id) =>
        JsonDocument.Parse(await server.Http.GetStringAsync($"/v1/profiles/{id}")).RootElement.GetProperty("profileId").GetString()!;
}
