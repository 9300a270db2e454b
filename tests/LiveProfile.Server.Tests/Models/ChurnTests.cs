using System.Globalization;
using System.Net;
using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LiveProfile.Server.Tests.Models;

/// <summary>
/// The churn classifier over a real server: 150 days of shoppers, half of whom fade out and stop at a random day, the
/// others staying; labels come from what followed each split day, and the later split measures the model.
/// </summary>
public sealed class ChurnTests(ITestOutputHelper output)
{
    private const int Days = 150;
    private static readonly DateTimeOffset Today = new(2026, 11, 20, 20, 0, 0, TimeSpan.FromHours(8));

    /// <summary>
    /// Shoppers active on a day with their own probability; a leaver's probability falls to nothing over the 30 days
    /// before its last day, which lies anywhere in the 150 days.
    /// </summary>
    private static List<string> History(int shoppers, int seed)
    {
        var random = new Random(seed);
        var lines = new List<string>();
        for (var u = 0; u < shoppers; u++)
        {
            var rate = 0.15 + 0.35 * random.NextDouble();
            int? lastDay = u % 2 == 0 ? null : random.Next(Days);
            for (var day = 0; day < Days; day++)
            {
                if (day > lastDay) break;
                var fade = lastDay is { } last ? Math.Clamp((last - day) / 30.0, 0.1, 1) : 1;
                if (random.NextDouble() >= rate * fade && day != lastDay) continue;
                var at = Today.AddDays(day - Days + 1).AddHours(-random.Next(10));
                var ts = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
                lines.Add($$$"""{"id":"v{{{u}}}-{{{day}}}","type":"shop.view","ts":"{{{ts}}}","user":{"accountId":"s{{{u}}}"},"product":"p{{{day % 7}}}"}""");
            }
        }
        return lines;
    }

    private static async Task IngestAsync(InProcessServer server, List<string> lines)
    {
        foreach (var chunk in lines.Chunk(5000))
        {
            using var response = await server.PostNdjsonAsync(chunk);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        await server.WaitAppliedAsync();
    }

    [Fact]
    public async Task Fit_FadingShoppers_RanksLeaversAboveStayersOnTheLaterSplit_AndScoresEveryActiveProfile()
    {
        using var dir = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(dir.Path, o => o.ModelRefitInterval = TimeSpan.Zero);
        using (var early = await server.Http.PostAsync("/v1/models/churn/fit", null))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
            Assert.Contains("not_enough_history", await early.Content.ReadAsStringAsync());
        }
        await IngestAsync(server, History(600, seed: 7));

        using var response = await server.Http.PostAsync("/v1/models/churn/fit", null);
        var fit = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, fit.ToString());
        Assert.Equal("2026-11-20", fit.GetProperty("today").GetString());
        Assert.Equal("2026-09-21", fit.GetProperty("trainedAt").GetString());
        Assert.Equal("2026-10-21", fit.GetProperty("evaluatedAt").GetString());
        var evaluation = fit.GetProperty("evaluation");
        output.WriteLine(evaluation.ToString());
        var examples = evaluation.GetProperty("examples").GetInt32();
        Assert.InRange(examples, 200, 600);
        Assert.InRange(evaluation.GetProperty("auc").GetDouble(), 0.8, 1.0);
        Assert.InRange(evaluation.GetProperty("brier").GetDouble(), 0.0, 0.2);
        var bins = evaluation.GetProperty("calibration").EnumerateArray().ToList();
        Assert.Equal(examples, bins.Sum(b => b.GetProperty("examples").GetInt32()));
        Assert.Equal(19, fit.GetProperty("features").GetArrayLength());

        // Every profile active in the last 90 days got a score: leavers (odd accounts) far above stayers (even ones).
        Assert.True(fit.GetProperty("scored").GetInt32() > 300);
        var (stayers, leavers) = (new List<double>(), new List<double>());
        for (var u = 0; u < 600; u++)
        {
            var answer = JsonDocument.Parse(await server.Http.GetStringAsync($"/v1/profiles/account:s{u}/predictions")).RootElement;
            if (answer.GetProperty("churn").TryGetProperty("risk", out var risk)) (u % 2 == 0 ? stayers : leavers).Add(risk.GetDouble());
        }
        Assert.Equal(300, stayers.Count); // every stayer is active in the lookback
        Assert.True(leavers.Average() > stayers.Average() + 0.3, $"mean risk: leavers {leavers.Average():F3}, stayers {stayers.Average():F3}");

        // The command line fits again and prints the evaluation.
        var printed = new StringWriter();
        Assert.Equal(0, await LiveProfile.Cli.Commands.FitChurnCommand.RunAsync(new Uri(server.Url), null, printed, CancellationToken.None));
        Assert.Contains($"churn model v2: trained at 2026-09-21", printed.ToString());
        Assert.Contains($"AUC {evaluation.GetProperty("auc").GetDouble():F4}", printed.ToString());

        var served = JsonDocument.Parse(await server.Http.GetStringAsync("/v1/models/churn")).RootElement;
        Assert.Equal(2, served.GetProperty("version").GetInt32());
        Assert.True(File.Exists(Path.Combine(dir.Path, "models", "churn", "v0001.zip")));
    }
}
