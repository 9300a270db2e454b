namespace LiveProfile.Server.Http;

/// <summary>RFC 9457 answers with a stable <c>code</c> extension that clients can branch on.</summary>
internal static class Problems
{
    public static IResult Of(int status, string code, string detail, TimeSpan? retryAfter = null, HttpContext? http = null)
    {
        if (retryAfter is { } wait && http is not null)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return Results.Problem(detail: detail, statusCode: status, title: code.Replace('_', ' '),
            type: $"https://liveprofile.dev/problems/{code}", extensions: new Dictionary<string, object?> { ["code"] = code });
    }
}
