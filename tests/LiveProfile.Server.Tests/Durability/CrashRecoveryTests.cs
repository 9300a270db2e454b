using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;

namespace LiveProfile.Server.Tests.Durability;

/// <summary>
/// Issue 2, "must show": the server is killed with SIGKILL at random moments while a client
/// ingests. After every restart each acknowledged event is reflected exactly once, and a request
/// that was in flight at the kill is either wholly applied or not at all.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int Users = 1000;          // one request per user
    private const int EventsPerUser = 100;   // 100,000 events in all
    private const int MinimumKills = 20;

    [Fact]
    public async Task Ingest_KilledWithSigkillAtRandomMoments_AcknowledgedEventsExactlyOnce()
    {
        using var dir = new TempDirectory();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var random = new Random(20261129);
        var environment = new Dictionary<string, string>
        {
            ["LIVEPROFILE_CHECKPOINTINTERVAL"] = "00:00:01", // checkpoints and segment removal happen between kills too
            ["LIVEPROFILE_SEGMENTBYTES"] = "262144",
            ["LIVEPROFILE_PARTITIONS"] = "4",
        };
        var acknowledged = new HashSet<int>();
        var kills = 0;
        var sends = 0;

        while (kills < MinimumKills || acknowledged.Count < Users)
        {
            using var server = ServerProcess.Start(dir.Path, environment);
            await server.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
            int? inFlight = null;

            var killAt = DateTime.UtcNow.AddMilliseconds(random.Next(50, 1500));
            var killer = Task.Run(async () =>
            {
                var wait = killAt - DateTime.UtcNow;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                server.Kill();
            });
            try
            {
                while (!server.HasExited)
                {
                    // Fresh users first; once all are acknowledged, resend acknowledged ones (they must be duplicates).
                    var user = acknowledged.Count < Users ? Enumerable.Range(0, Users).First(u => !acknowledged.Contains(u)) : random.Next(Users);
                    inFlight = user;
                    sends++;
                    var answer = await PostAsync(http, server.Url, user);
                    if (acknowledged.Contains(user))
                    {
                        Assert.Equal(0, answer.GetProperty("accepted").GetInt32());
                        Assert.Equal(EventsPerUser, answer.GetProperty("duplicates").GetInt32());
                    }
                    acknowledged.Add(user);
                    inFlight = null;
                }
            }
            catch (HttpRequestException)
            {
                // The kill landed while a request was in flight.
            }
            catch (TaskCanceledException)
            {
            }
            await killer;
            kills++;

            // After the restart: every acknowledged user has exactly its events.
            using var check = ServerProcess.Start(dir.Path, environment);
            await check.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
            await WaitAppliedAsync(http, check.Url);
            foreach (var user in acknowledged.OrderBy(_ => random.Next()).Take(25).Append(acknowledged.Count > 0 ? acknowledged.Max() : 0))
            {
                if (!acknowledged.Contains(user)) continue;
                Assert.Equal(EventsPerUser, await LikeCountAsync(http, check.Url, user));
            }
            if (inFlight is { } pending && !acknowledged.Contains(pending))
            {
                var count = await LikeCountAsync(http, check.Url, pending);
                Assert.True(count is 0 or EventsPerUser, $"in-flight user {pending}: {count} of {EventsPerUser} applied");
            }
            check.Kill();
        }

        // Final: every user exactly once.
        using var final = ServerProcess.Start(dir.Path, environment);
        await final.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
        await WaitAppliedAsync(http, final.Url);
        for (var user = 0; user < Users; user++) Assert.Equal(EventsPerUser, await LikeCountAsync(http, final.Url, user));
        var health = JsonDocument.Parse(await http.GetStringAsync(final.Url + "/health")).RootElement;
        Assert.Equal(Users, health.GetProperty("profiles").GetInt64()); // the partitions' count survives restarts too
        Assert.True(kills >= MinimumKills, $"{kills} kills");
        Assert.True(sends >= Users);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string url, int user)
    {
        var ts = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();
        var body = new StringBuilder();
        for (var i = 0; i < EventsPerUser; i++)
        {
            body.Append($$$"""{"id":"u{{{user}}}-e{{{i}}}","type":"live.like","ts":{{{ts + i}}},"user":{"viewerId":"crash-u{{{user}}}"},"room":"r1"}""").Append('\n');
        }
        var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await http.PostAsync(url + "/v1/events", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<int> LikeCountAsync(HttpClient http, string url, int user)
    {
        using var response = await http.GetAsync($"{url}/v1/profiles/viewer:crash-u{user}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return 0;
        var profile = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return profile.GetProperty("features").GetProperty("counts").TryGetProperty("live.like", out var likes)
            ? likes.GetProperty("days7").GetInt32() : 0;
    }

    private static async Task WaitAppliedAsync(HttpClient http, string url)
    {
        for (var i = 0; i < 600; i++)
        {
            var health = JsonDocument.Parse(await http.GetStringAsync(url + "/health")).RootElement;
            if (health.GetProperty("appliedLsn").GetInt64() >= health.GetProperty("durableLsn").GetInt64()) return;
            await Task.Delay(20);
        }
        throw new TimeoutException("the engine did not catch up");
    }
}
