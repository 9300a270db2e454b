using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Http;

/// <summary><c>/v1/taxonomy</c>: read, validate, replace with backfill, against a real server.</summary>
public sealed class TaxonomyTests
{
    /// <summary>A small taxonomy: sharer at a lower threshold than the default's, and a tag the default lacks.</summary>
    private const string Small = """
        families:
          behavior: { zh: 行为偏好, en: Behaviour preferences }
        tags:
          - id: sharer
            family: behavior
            name: { zh: 分享达人, en: Sharer }
            when: count('live.share', 30d) >= 2
          - id: liker
            family: behavior
            name: { zh: 点赞用户, en: Liker }
            when: count('live.like', 7d) >= 1
        """;

    private static StringContent Yaml(string text, string mediaType = "application/yaml") => new(text, Encoding.UTF8, mediaType);

    [Fact]
    public async Task GetTaxonomy_DefaultVersion_FamiliesTagsAndExpressionsAsJson()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var answer = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/taxonomy")).RootElement;
        Assert.Equal(1, answer.GetProperty("version").GetInt32());
        Assert.Equal(1, answer.GetProperty("backfill").GetProperty("version").GetInt32());
        Assert.Equal(4, answer.GetProperty("backfill").GetProperty("partitions").GetInt32());
        var behavior = answer.GetProperty("families").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "behavior");
        Assert.Equal("行为偏好", behavior.GetProperty("name").GetString());
        var tags = answer.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        Assert.Equal("count('live.share', 30d) >= 3", tags["sharer"].GetProperty("when").GetString());
        Assert.Equal("sharer", tags["sharer"].GetProperty("definition").GetString());
        Assert.Equal("rule", tags["sharer"].GetProperty("source").GetString());
        Assert.Equal("interest:$category", tags["interest:beauty"].GetProperty("definition").GetString());
        Assert.Equal("share('beauty')", tags["interest:beauty"].GetProperty("weight").GetString());
        Assert.Equal("美妆爱好者", tags["interest:beauty"].GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetTaxonomy_AskedForYaml_TheSourceText()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var byQuery = await server.Http.GetAsync("/v1/taxonomy?format=yaml");
        Assert.Equal("application/yaml", byQuery.Content.Headers.ContentType?.MediaType);
        var source = await byQuery.Content.ReadAsStringAsync();
        Assert.Contains("- id: sharer", source, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/taxonomy");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/yaml"));
        var byAccept = await server.Http.SendAsync(request);
        Assert.Equal(source, await byAccept.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.GetAsync("/v1/taxonomy?format=xml")).StatusCode);
    }

    [Fact]
    public async Task Validate_ValidAndInvalid_200WithTagCountOrDiagnosticsAndLines()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var valid = JsonDocument.Parse(await (await server.Http.PostAsync("/v1/taxonomy/validate", Yaml(Small, "text/yaml"))).Content.ReadAsStringAsync()).RootElement;
        Assert.True(valid.GetProperty("valid").GetBoolean());
        Assert.Equal(2, valid.GetProperty("tags").GetInt32());
        Assert.Equal(0, valid.GetProperty("diagnostics").GetArrayLength());

        var broken = Small.Replace("count('live.like', 7d) >= 1", "count('live.like', 7d) >=", StringComparison.Ordinal)
            .Replace("family: behavior\n    name: { zh: 分享达人", "family: nowhere\n    name: { zh: 分享达人", StringComparison.Ordinal);
        var response = await server.Http.PostAsync("/v1/taxonomy/validate", Yaml(broken, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var invalid = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(invalid.GetProperty("valid").GetBoolean());
        Assert.Equal(0, invalid.GetProperty("tags").GetInt32());
        var diagnostics = invalid.GetProperty("diagnostics").EnumerateArray().ToList();
        var family = diagnostics.Single(d => d.GetProperty("code").GetString() == "TX006");
        Assert.Equal("sharer", family.GetProperty("tag").GetString());
        Assert.Equal(5, family.GetProperty("line").GetInt32());
        var expression = diagnostics.Single(d => d.GetProperty("code").GetString()!.StartsWith("TL", StringComparison.Ordinal));
        Assert.Equal("liker", expression.GetProperty("tag").GetString());
        Assert.Equal(11, expression.GetProperty("line").GetInt32());
        Assert.True(expression.GetProperty("column").GetInt32() > 1);
    }

    [Fact]
    public async Task Validate_WrongMediaTypeOrOver1MiB_415And413()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var json = await server.Http.PostAsync("/v1/taxonomy/validate", Yaml(Small, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        var huge = Small + "\n#" + new string('x', 1024 * 1024);
        var tooLarge = await server.Http.PostAsync("/v1/taxonomy/validate", Yaml(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("\"code\":\"taxonomy_too_large\"", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooLargePut = await server.Http.PutAsync("/v1/taxonomy", Yaml(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargePut.StatusCode);
    }

    [Fact]
    public async Task Put_InvalidTaxonomy_422WithDiagnosticsAndNothingChanges()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var response = await server.Http.PutAsync("/v1/taxonomy", Yaml(Small.Replace(">= 2", ">= ", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("taxonomy_invalid", problem.GetProperty("code").GetString());
        var diagnostic = problem.GetProperty("diagnostics")[0];
        Assert.Equal("sharer", diagnostic.GetProperty("tag").GetString());
        Assert.Equal(7, diagnostic.GetProperty("line").GetInt32());
        var taxonomy = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/taxonomy")).RootElement;
        Assert.Equal(1, taxonomy.GetProperty("version").GetInt32());
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "taxonomy"), "*.yaml"));
    }

    [Fact]
    public async Task Put_ValidTaxonomy_202NewVersionBackfilledIntoProfilesAndKeptAcrossRestart()
    {
        using var dir = new TempDirectory();
        await using (var server = await InProcessServer.StartAsync(dir.Path))
        {
            (await server.PostNdjsonAsync([Json.Share("s1", "v1", 30), Json.Share("s2", "v1", 20)])).EnsureSuccessStatusCode();
            await server.WaitAppliedAsync();
            Assert.DoesNotContain("sharer", await TagIdsAsync(server, "viewer:v1")); // two shares: not a sharer under v1 (three)

            var response = await server.Http.PutAsync("/v1/taxonomy", Yaml(Small));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal("/v1/taxonomy/backfill", response.Headers.Location?.OriginalString);
            var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(2, accepted.GetProperty("version").GetInt32());
            Assert.Equal(2, accepted.GetProperty("tags").GetInt32());
            Assert.Equal("/v1/taxonomy/backfill", accepted.GetProperty("statusUrl").GetString());
            Assert.Equal(2, accepted.GetProperty("backfill").GetProperty("version").GetInt32());

            var status = await WaitBackfilledAsync(server, 2);
            Assert.Equal(status.GetProperty("total").GetInt64(), status.GetProperty("done").GetInt64());
            Assert.Equal(4, status.GetProperty("partitionsStarted").GetInt32());
            Assert.Equal(["sharer"], await TagIdsAsync(server, "viewer:v1"));
            var taxonomy = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/taxonomy")).RootElement;
            Assert.Equal(2, taxonomy.GetProperty("version").GetInt32());
            Assert.Equal(["sharer", "liker"], taxonomy.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        }
        await using (var server = await InProcessServer.StartAsync(dir.Path))
        {
            var taxonomy = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/taxonomy")).RootElement;
            Assert.Equal(2, taxonomy.GetProperty("version").GetInt32());
            Assert.Equal(Small, await server.Http.GetStringAsync("/v1/taxonomy?format=yaml"));
            (await server.PostNdjsonAsync([Json.Like("l1", "v1")])).EnsureSuccessStatusCode();
            await server.WaitAppliedAsync();
            Assert.Equal(["liker", "sharer"], (await TagIdsAsync(server, "viewer:v1")).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Put_ConcurrentReplacements_EachGetsItsOwnVersionInOrder()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => server.Http.PutAsync("/v1/taxonomy", Yaml(Small))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var versions = new List<int>();
        foreach (var r in responses) versions.Add(JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32());
        Assert.Equal([2, 3, 4, 5, 6, 7], versions.Order());
        var taxonomy = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/taxonomy")).RootElement;
        Assert.Equal(7, taxonomy.GetProperty("version").GetInt32());
        await WaitBackfilledAsync(server, 7);
    }

    [Fact]
    public async Task OpenApi_TagRoutes_DescribedWithTheirOperations()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path);
        var paths = JsonDocument.Parse(await server.Http.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        Assert.Equal("ExplainTag", paths.GetProperty("/v1/profiles/{id}/explain/{tag}").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("GetTaxonomy", paths.GetProperty("/v1/taxonomy").GetProperty("get").GetProperty("operationId").GetString());
        var put = paths.GetProperty("/v1/taxonomy").GetProperty("put");
        Assert.True(put.GetProperty("responses").TryGetProperty("422", out _));
        Assert.True(put.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/yaml", out _));
        Assert.True(paths.GetProperty("/v1/taxonomy/validate").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/v1/taxonomy/backfill").TryGetProperty("get", out _));
        var changes = paths.GetProperty("/v1/changes").GetProperty("get");
        Assert.True(changes.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        Assert.Contains(changes.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Last-Event-ID");
    }

    private static async Task<List<string>> TagIdsAsync(InProcessServer server, string id)
    {
        var profile = JsonDocument.Parse(await server.Http.GetStringAsync($"/v1/profiles/{id}")).RootElement;
        return [.. profile.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("id").GetString()!)];
    }

    private static async Task<JsonElement> WaitBackfilledAsync(InProcessServer server, int version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/taxonomy/backfill")).RootElement;
            if (status.GetProperty("version").GetInt32() == version && status.GetProperty("complete").GetBoolean()) return status;
            Assert.True(DateTime.UtcNow < deadline, $"backfill of v{version} did not complete: {status}");
            await Task.Delay(50);
        }
    }
}
