using System.Net;
using System.Text;
using LiveProfile.Cli.Http;
using LiveProfile.Cli.Ingest;

namespace LiveProfile.Server.Tests.Cli;

public sealed class IngestPumpTests
{
    private static readonly Uri Server = new("http://127.0.0.1:5080");

    [Fact]
    public async Task PumpAsync_RejectionsAcrossBatches_ReportedWithInputLineNumbers()
    {
        var input = string.Join('\n', Enumerable.Range(1, 23).Select(i => i is 4 or 11 or 12 or 23 ? $"bad {i}" : i % 5 == 0 ? "" : $"{{\"n\":{i}}}"));
        var stub = new StubHandler((_, body) => StubHandler.Judge(body));

        var (summary, stopped) = await PumpAsync(input, stub, batch: 3);

        Assert.Null(stopped);
        Assert.Equal([4L, 11, 12, 23], summary.FirstRejections.Select(r => r.Line));
        Assert.Equal(4, summary.RejectedByCode["invalid_field"]);
        Assert.Equal(23 - 4 - 4, summary.Accepted); // 4 blank lines (5, 10, 15, 20)
        Assert.Equal(19, summary.LinesSent);
        Assert.True(summary.AllAnswered);
        Assert.All(stub.Bodies, b => Assert.True(b.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 3));
    }

    [Fact]
    public async Task PumpAsync_OverloadAnswers_RetriedAfterRetryAfterWithSameBody()
    {
        var stub = new StubHandler((n, body) => n <= 2
            ? StubHandler.Json(n == 1 ? HttpStatusCode.TooManyRequests : HttpStatusCode.ServiceUnavailable, "{\"code\":\"too_many_requests\"}", retryAfterSeconds: 7)
            : StubHandler.Judge(body));
        var waits = new List<TimeSpan>();

        var (summary, stopped) = await PumpAsync("{\"a\":1}\n{\"a\":2}\n", stub, batch: 10, waits);

        Assert.Null(stopped);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], waits);
        Assert.Equal(3, stub.Requests);
        Assert.Single(stub.Bodies.Distinct());
        Assert.Equal(2, summary.Accepted);
        Assert.True(summary.AllAnswered);
    }

    [Fact]
    public async Task PumpAsync_OverloadNeverEnds_BoundedRetriesThenBatchFailed()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.TooManyRequests, "{\"code\":\"too_many_requests\"}"));
        var waits = new List<TimeSpan>();

        var (summary, _) = await PumpAsync("{\"a\":1}\n", stub, batch: 10, waits);

        Assert.Equal(BatchSender.MaxAttempts, stub.Requests);
        Assert.All(waits, w => Assert.Equal(BatchSender.DefaultRetryAfter, w)); // no header: the default
        Assert.False(summary.AllAnswered);
        Assert.Equal(1, summary.Unanswered);
        Assert.Contains("too_many_requests", Assert.Single(summary.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PumpAsync_Unauthorized_StopsTheRun()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.Unauthorized, "{\"code\":\"unauthorized\",\"detail\":\"bad key\"}"));

        var (summary, stopped) = await PumpAsync("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n", stub, batch: 1);

        Assert.NotNull(stopped);
        Assert.Equal(1, stub.Requests);
        Assert.Equal(1, summary.FailedBatches);
        Assert.Contains("unauthorized: bad key (HTTP 401)", summary.Failures[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_WithApiKeyAndPathBase_SendsNdjsonBearerToEventsPath()
    {
        var stub = new StubHandler((_, body) => StubHandler.Judge(body));
        using var client = new EventsClient(new Uri("http://127.0.0.1:5080/base/"), "k-123", stub, TimeSpan.FromSeconds(5));

        var result = await client.PostAsync("{\"a\":1}\n"u8.ToArray(), CancellationToken.None);

        Assert.True(result.Ok);
        var request = Assert.Single(stub.Seen);
        Assert.Equal("http://127.0.0.1:5080/base/v1/events", request.RequestUri!.ToString());
        Assert.Equal("application/x-ndjson", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("Bearer k-123", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public void RetryAfter_SecondsOrDate_NeverNegative()
    {
        var now = new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(3), EventsClient.RetryAfter(new(TimeSpan.FromSeconds(3)), now));
        Assert.Equal(TimeSpan.FromSeconds(90), EventsClient.RetryAfter(new(now.AddSeconds(90)), now));
        Assert.Equal(TimeSpan.Zero, EventsClient.RetryAfter(new(now.AddSeconds(-5)), now));
        Assert.Null(EventsClient.RetryAfter(null, now));
    }

    private static async Task<(IngestSummary Summary, string? Stopped)> PumpAsync(string input, StubHandler stub, int batch, List<TimeSpan>? waits = null)
    {
        using var client = new EventsClient(Server, null, stub, TimeSpan.FromSeconds(5));
        var sender = new BatchSender(client, (wait, _) =>
        {
            waits?.Add(wait);
            return Task.CompletedTask;
        });
        var summary = new IngestSummary();
        var batcher = new NdjsonBatcher(new MemoryStream(Encoding.UTF8.GetBytes(input)), batch, IngestRunner.MaxRequestBytes);
        var stopped = await IngestRunner.PumpAsync(batcher, sender, summary, _ => { }, CancellationToken.None);
        return (summary, stopped);
    }
}
