using System.Text;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Privacy;

/// <summary>Issue 2, "must show": after ingesting phones and names, the data directory holds no plaintext PII.</summary>
public sealed class PiiAtRestTests
{
    private static readonly string[] Secrets =
    [
        "+8613912345678", "13912345678", "张三丰", "上海市浦东新区世纪大道100号", "acct-secret-42", "viewer-secret-77", "小龙女的直播间粉丝",
    ];

    [Fact]
    public async Task DataDirectory_AfterIngestCheckpointAndStop_ContainsNoPlaintextPii()
    {
        using var dir = new TempDirectory();
        await using (var server = await InProcessServer.StartAsync(dir.Path))
        {
            var lines = new[]
            {
                $$$"""{"id":"p1","type":"user.profile","ts":"{{{Json.Now(5)}}}","user":{"accountId":"acct-secret-42","phone":"+8613912345678","nickname":"小龙女的直播间粉丝"},"props":{"gender":"female","birthYear":1995,"province":"上海","name":"张三丰","address":"上海市浦东新区世纪大道100号"}}""",
                $$$"""{"id":"p2","type":"live.comment","ts":"{{{Json.Now(4)}}}","user":{"viewerId":"viewer-secret-77","phone":"+8613912345678"},"room":"r1","props":{"text":"多少钱"}}""",
                $$$"""{"id":"p3","type":"identity.link","ts":"{{{Json.Now(3)}}}","user":{"accountId":"acct-secret-42"},"props":{"identifiers":[{"kind":"account","value":"acct-secret-42"},{"kind":"viewer","value":"viewer-secret-77"}]}}""",
                // Rejected (unknown field) but quarantined: its raw text holds the phone too.
                $$$"""{"id":"p4","type":"live.like","ts":"{{{Json.Now(3)}}}","user":{"viewerId":"viewer-secret-77","phone":"+8613912345678"},"room":"r1","bogus":1}""",
            };
            var response = await server.PostNdjsonAsync(lines);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            Assert.Contains("\"accepted\":3", body, StringComparison.Ordinal);
            await server.WaitAppliedAsync();
            await server.App.CheckpointAsync();
            var profile = await server.Http.GetStringAsync("/v1/profiles/account:acct-secret-42");
            Assert.Contains("\"province\":\"上海\"", profile, StringComparison.Ordinal);
        }

        var files = Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.Contains("log", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".ckpt", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var secret in Secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{secret} found in {Path.GetFileName(file)} (UTF-8)");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0, $"{secret} found in {Path.GetFileName(file)} (UTF-16)");
            }
        }
    }
}
