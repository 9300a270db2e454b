using System.Net;
using System.Text;

namespace LiveProfile.Server.Tests.Cli;

/// <summary>An in-memory <c>/v1/events</c>: each request goes to <c>answer</c> with its body; no sockets.</summary>
internal sealed class StubHandler(Func<int, string, HttpResponseMessage> answer) : HttpMessageHandler
{
    public int Requests { get; private set; }
    public List<string> Bodies { get; } = [];
    public List<HttpRequestMessage> Seen { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetString(await request.Content!.ReadAsByteArrayAsync(cancellationToken));
        Requests++;
        Bodies.Add(body);
        Seen.Add(request);
        return answer(Requests, body);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (retryAfterSeconds is { } s) response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(s));
        return response;
    }

    /// <summary>Accepts every non-blank line except those containing "bad", which it rejects by body line number.</summary>
    public static HttpResponseMessage Judge(string body)
    {
        var lines = body.Split('\n');
        int accepted = 0;
        var rejected = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            if (lines[i].Contains("bad", StringComparison.Ordinal)) rejected.Add($"{{\"line\":{i + 1},\"id\":null,\"code\":\"invalid_field\",\"message\":\"[bad]\"}}");
            else accepted++;
        }
        return Json(HttpStatusCode.OK, $"{{\"accepted\":{accepted},\"duplicates\":0,\"rejected\":[{string.Join(',', rejected)}]}}");
    }
}
