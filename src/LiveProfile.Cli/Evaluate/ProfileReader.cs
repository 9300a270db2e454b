using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace LiveProfile.Cli.Evaluate;

/// <summary>Reads what the quality report needs from a running server: readiness, the rule tags in force, profiles' tags, explanations.</summary>
internal sealed class ProfileReader : IDisposable
{
    private readonly HttpClient _http;

    public ProfileReader(Uri server, string? apiKey, int connections)
    {
        _http = new HttpClient(Http.EventsClient.CreateHandler(connections), disposeHandler: true)
        {
            BaseAddress = new Uri(server.AbsoluteUri.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (!string.IsNullOrEmpty(apiKey)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary>Waits until every logged event is applied and no sweep or backfill is running; false on timeout.</summary>
    public async Task<bool> WaitSettledAsync(TimeSpan timeout, Action<HealthState> progress, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        var settledTwice = 0;
        while (DateTime.UtcNow < until)
        {
            using var response = await _http.GetAsync("health", ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var health = await response.Content.ReadFromJsonAsync(EvaluateJsonContext.Default.HealthState, ct).ConfigureAwait(false);
                if (health is not null)
                {
                    progress(health);
                    // Twice in a row: a step may be between applying and reporting its sweep.
                    settledTwice = health.AppliedLsn >= health.LastLsn && !health.TagWorkPending ? settledTwice + 1 : 0;
                    if (settledTwice == 2) return true;
                }
            }
            await Task.Delay(500, ct).ConfigureAwait(false);
        }
        return false;
    }

    public async Task<TaxonomyTags> TaxonomyAsync(CancellationToken ct) =>
        await _http.GetFromJsonAsync("v1/taxonomy", EvaluateJsonContext.Default.TaxonomyTags, ct).ConfigureAwait(false)
        ?? throw new InvalidOperationException("the server answered no taxonomy");

    /// <summary>The profile's tag ids, or null when the server knows no such profile.</summary>
    public async Task<HashSet<string>?> TagsAsync(string profileId, CancellationToken ct)
    {
        using var response = await _http.GetAsync("v1/profiles/" + Uri.EscapeDataString(profileId), ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        var profile = await response.Content.ReadFromJsonAsync(EvaluateJsonContext.Default.ProfileTags, ct).ConfigureAwait(false);
        return [.. profile?.Tags.Select(t => t.Id) ?? []];
    }

    public async Task<string> ExplainAsync(string profileId, string tag, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"v1/profiles/{Uri.EscapeDataString(profileId)}/explain/{Uri.EscapeDataString(tag)}", ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) return $"(no explanation: HTTP {(int)response.StatusCode})";
        var answer = await response.Content.ReadFromJsonAsync(EvaluateJsonContext.Default.ExplainSummary, ct).ConfigureAwait(false);
        return answer?.Summary ?? "";
    }

    public void Dispose() => _http.Dispose();
}
