using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace LiveProfile.Cli.Evaluate;

/// <summary>
/// <c>liveprofile evaluate-matching --set stream --server URL</c>: how the server's own matcher did on the simulator's
/// event stream (<c>simulate --users N --server URL</c>, people whose viewer id was never linked: <c>--unlinked</c>).
/// It asks the server for a matching pass, then reads every person's identity graph: the simulator names person i's
/// viewer <c>dy{i}</c> and account <c>u{i}</c>, so a matcher's link is right when it joins those two. People the
/// producer linked (an <c>identity.link</c>) are not part of the problem.
/// </summary>
internal static class StreamMatchingEvaluation
{
    public static async Task<int> RunAsync(Uri server, string? apiKey, int people, TextWriter output, CancellationToken ct)
    {
        using var http = new HttpClient(Http.EventsClient.CreateHandler(8), disposeHandler: true)
        {
            BaseAddress = new Uri(server.AbsoluteUri.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromMinutes(30),
        };
        if (!string.IsNullOrEmpty(apiKey)) http.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        var watch = Stopwatch.StartNew();
        using (var run = await http.PostAsync("v1/identity/matching/run", null, ct).ConfigureAwait(false))
        {
            var text = await run.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!run.IsSuccessStatusCode)
            {
                output.WriteLine($"matching pass failed: {(int)run.StatusCode} {text}");
                return 1;
            }
            output.WriteLine($"matching pass in {watch.Elapsed.TotalSeconds:F1} s: {JsonDocument.Parse(text).RootElement.GetProperty("lastPass")}");
        }

        var score = new StreamScore();
        var progress = Stopwatch.StartNew();
        var next = 0;
        async Task Worker()
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i > people) return;
                var viewer = await IdentityAsync(http, $"viewer:dy{i:D8}", ct).ConfigureAwait(false);
                var account = await IdentityAsync(http, $"account:u{i:D7}", ct).ConfigureAwait(false);
                lock (score) score.Add(viewer, account);
                if (progress.Elapsed.TotalSeconds >= 5)
                {
                    lock (progress)
                    {
                        if (progress.Elapsed.TotalSeconds < 5) continue;
                        output.WriteLine($"  read {i:N0} of {people:N0} people");
                        progress.Restart();
                    }
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Worker())).ConfigureAwait(false);
        var candidates = JsonDocument.Parse(await http.GetStringAsync("v1/identity/candidates?limit=1", ct).ConfigureAwait(false)).RootElement;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("| people | linked by the producer | not linked, with an account | matcher's links | right | precision | recall | to review |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        var toReview = candidates.GetProperty("total").GetInt32();
        output.WriteLine(string.Create(inv, $"| {people:N0} | {score.ProducerLinked:N0} | {score.WithAccount:N0} | {score.Linked:N0} | {score.Right:N0} | ")
            + string.Create(inv, $"{score.Precision:F4} | {score.Recall:F4} | {toReview:N0} |"));
        return 0;
    }

    private static async Task<JsonElement?> IdentityAsync(HttpClient http, string id, CancellationToken ct)
    {
        using var response = await http.GetAsync($"v1/identity/{id}", ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).RootElement.Clone();
    }

    /// <summary>Counts over people: who had an account and was not linked by the producer, what the matcher linked, rightly or not.</summary>
    private sealed class StreamScore
    {
        public int ProducerLinked { get; private set; }
        public int WithAccount { get; private set; }
        public int Linked { get; private set; }
        public int Right { get; private set; }
        public double Precision => Linked == 0 ? 1 : Right / (double)Linked;
        public double Recall => WithAccount == 0 ? 1 : Right / (double)WithAccount;

        public void Add(JsonElement? viewer, JsonElement? account)
        {
            if (viewer is not { } v) return; // never seen live: nothing to match
            var matched = v.GetProperty("links").EnumerateArray().Any(l => l.GetProperty("source").GetString() == "identity.match");
            var hasAccount = v.GetProperty("identifiers").EnumerateArray().Any(i => i.GetString()!.StartsWith("account:", StringComparison.Ordinal));
            if (account is not { } a)
            {
                if (matched && hasAccount) Linked++; // a person without an account linked to someone's
                return;
            }
            var together = v.GetProperty("profile").GetString() == a.GetProperty("profile").GetString();
            if (together && v.GetProperty("links").EnumerateArray().Any(l => l.GetProperty("source").GetString() is "identity.link" or "event"))
            {
                ProducerLinked++;
                return;
            }
            WithAccount++;
            if (matched && hasAccount) Linked++;
            if (together && matched) Right++;
        }
    }
}
