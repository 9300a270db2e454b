using System.Globalization;
using System.Text.Json;
using LiveProfile.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LiveProfile.Server.Tests.Dashboard;

/// <summary>
/// The room page end to end: the real <c>liveprofile serve --demo</c> (the README's command) fed by the simulator, read by
/// Debian's chromium through Playwright. The page must pick a live room and keep its charts, suggestions and funnel
/// current. The screenshot goes to the test output, and to <c>LIVEPROFILE_SCREENSHOTS</c> when set (the README's).
/// </summary>
public sealed class RoomPageTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan LiveRoomTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task RoomPage_OnTheDemo_ShowsTheLiveAudienceAndUpdatesEverySecond()
    {
        Assert.True(File.Exists(Chromium), "the room page test drives Debian's chromium: apt-get install chromium fonts-wqy-microhei");
        using var dir = new TempDirectory();
        using var server = ServerProcess.Start(dir.Path, null, "--demo");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await server.WaitHealthyAsync(http, TimeSpan.FromMinutes(2));
        var room = await WaitForLiveRoomAsync(http, server);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1300 }, Locale = "zh-CN" });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(server.Url + "/");

        Assert.EndsWith("/ui/room.html", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.Locator("#status.live").WaitForAsync(new() { Timeout = 30_000 });
        // A live room is picked; the one the server listed is among the choices (the fullest comes first, and may change).
        Assert.NotEmpty(await page.Locator("#room").InputValueAsync());
        Assert.Contains(room, await page.Locator("#room option").AllInnerTextsAsync() is var options ? string.Join(" ", options) : "", StringComparison.Ordinal);
        var viewers = int.Parse(await page.Locator("#viewers").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.True(viewers >= 10, $"{viewers} viewers shown");
        Assert.NotEqual("–", await page.Locator("#dwell").InnerTextAsync());

        // Charts drawn by Chart.js from the stream: every family, and viewers over time growing a point a second.
        Assert.Equal(4, await page.EvaluateAsync<int>("Chart.getChart('families').data.datasets[0].data.length"));
        var points = await page.EvaluateAsync<int>("Chart.getChart('timeline').data.labels.length");
        await page.WaitForFunctionAsync($"Chart.getChart('timeline').data.labels.length >= {points + 2}", null, new() { Timeout = 10_000 });
        Assert.True(await page.EvaluateAsync<int>("Chart.getChart('tags').data.labels.length") > 0);

        // The talk tracks and the funnel of the session's products, once the simulated streamer has presented some.
        await page.Locator("#suggestions li").First.WaitForAsync();
        await page.Locator("#funnel-table tbody tr").First.WaitForAsync(new() { Timeout = 60_000 });
        Assert.NotEqual("–", await page.Locator("#on-screen").InnerTextAsync());

        var shot = await page.ScreenshotAsync(new() { FullPage = true });
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "room-page.png"), shot);
        if (Environment.GetEnvironmentVariable("LIVEPROFILE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, "room-page.png"), shot);
        }
        Assert.Empty(errors);
    }

    /// <summary>
    /// The fullest room with at least the minimum group of viewers once the demo has sent its two weeks of history and
    /// broadcasts in real time (event time has reached now).
    /// </summary>
    private static async Task<string> WaitForLiveRoomAsync(HttpClient http, ServerProcess server)
    {
        var deadline = DateTime.UtcNow + LiveRoomTimeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(server.HasExited, "the demo server stopped");
            var rooms = JsonDocument.Parse(await http.GetStringAsync(server.Url + "/v1/rooms")).RootElement;
            if (rooms.GetArrayLength() > 0 && rooms[0].GetProperty("viewers").ValueKind == JsonValueKind.Number)
            {
                var room = rooms[0].GetProperty("room").GetString()!;
                var answer = JsonDocument.Parse(await http.GetStringAsync($"{server.Url}/v1/rooms/{room}")).RootElement;
                if (answer.GetProperty("asOf").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-2)) return room;
            }
            await Task.Delay(1_000);
        }
        throw new TimeoutException("no live room with viewers on the demo");
    }
}
