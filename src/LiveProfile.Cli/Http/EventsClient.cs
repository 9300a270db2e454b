using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace LiveProfile.Cli.Http;

/// <summary>Posts NDJSON payloads to <c>{server}/v1/events</c> and reads the answer.</summary>
internal sealed class EventsClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _events;

    public EventsClient(Uri server, string? apiKey, HttpMessageHandler handler, TimeSpan timeout)
    {
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = timeout };
        if (!string.IsNullOrEmpty(apiKey)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _events = new Uri(server.AbsoluteUri.TrimEnd('/') + "/v1/events"); // {server}/v1/events, keeping any path base
    }

    public Uri Endpoint => _events;

    /// <summary>
    /// A handler that talks to the given server only: no redirects followed and no proxy from the
    /// environment, so a load test cannot end up anywhere else.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(int maxConnections) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        MaxConnectionsPerServer = maxConnections,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.None,
    };

    /// <summary>Parses and checks a <c>--server</c> value: an absolute http(s) URL.</summary>
    public static bool TryParseServer(string value, out Uri server)
    {
        server = null!;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        server = uri;
        return true;
    }

    /// <summary>Sends one payload. Network failures and timeouts throw (<see cref="HttpRequestException"/>, <see cref="TaskCanceledException"/>).</summary>
    public async Task<PostResult> PostAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        using var content = new ReadOnlyMemoryContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, _events) { Content = content };
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var status = (int)response.StatusCode;
        var retryAfter = RetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
        if (status == 200) return new PostResult(status, TryRead(body, CliJsonContext.Default.IngestAnswer), null, retryAfter, elapsed);
        return new PostResult(status, null, TryRead(body, CliJsonContext.Default.ProblemAnswer), retryAfter, elapsed);
    }

    /// <summary>The wait a Retry-After header asks for (seconds or an HTTP date), never negative; null when absent.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }

    private static T? TryRead<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        if (body.Length == 0) return null;
        try
        {
            return JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
