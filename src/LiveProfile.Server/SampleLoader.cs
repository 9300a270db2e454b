using LiveProfile.Engine.Contract;
using LiveProfile.Server.Http;

namespace LiveProfile.Server;

/// <summary>Feeds the shipped sample NDJSON through the regular ingest path, for the demo on an empty data directory.</summary>
internal static class SampleLoader
{
    public static async Task<(int Accepted, int Duplicates, int Rejected)> LoadIfEmptyAsync(WebApplication app, string file, CancellationToken ct)
    {
        var runtime = app.Services.GetRequiredService<EngineRuntime>();
        if (runtime.Log.LastLsn > 0) return (0, 0, 0);
        int accepted = 0, duplicates = 0, rejected = 0;
        var lines = new List<string>(2000);
        foreach (var line in File.ReadLines(file))
        {
            lines.Add(line);
            if (lines.Count == 2000) await SendAsync().ConfigureAwait(false);
        }
        if (lines.Count > 0) await SendAsync().ConfigureAwait(false);
        await runtime.Pipeline.WaitAppliedAsync(ct).ConfigureAwait(false);
        return (accepted, duplicates, rejected);

        async Task SendAsync()
        {
            var body = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines));
            lines.Clear();
            var receivedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var parsed = runtime.Parser.Parse(body, BodyFormat.Ndjson, TenantResolver.DefaultTenant, receivedMs);
            var outcome = await runtime.Pipeline.IngestAsync(parsed, TenantResolver.DefaultTenant, receivedMs, ct).ConfigureAwait(false);
            accepted += outcome.Accepted;
            duplicates += outcome.Duplicates;
            rejected += outcome.Rejected.Count;
        }
    }
}
