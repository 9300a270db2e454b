using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LiveProfile.Cli.Http;

/// <summary>Asks a server to fit a model (<c>POST /v1/models/…/fit</c>) and reads the answer or the problem.</summary>
internal static class ModelClient
{
    /// <summary>The fit's answer, or null after writing the server's problem to standard error.</summary>
    public static async Task<JsonDocument?> FitAsync(Uri server, string path, string body, string? apiKey, string command, CancellationToken ct)
    {
        // A fit over millions of profiles takes minutes: no short client timeout.
        using var http = new HttpClient { Timeout = TimeSpan.FromHours(1) };
        if (!string.IsNullOrEmpty(apiKey)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(server, path), content, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return JsonDocument.Parse(text);
        ProblemAnswer? problem = null;
        try
        {
            problem = JsonSerializer.Deserialize(text, CliJsonContext.Default.ProblemAnswer);
        }
        catch (JsonException)
        {
        }
        await Console.Error.WriteLineAsync($"{command}: {problem?.Describe((int)response.StatusCode) ?? $"HTTP {(int)response.StatusCode}"}").ConfigureAwait(false);
        return null;
    }
}
