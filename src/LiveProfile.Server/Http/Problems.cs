namespace LiveProfile.Server.Http;

/// <summary>RFC 9457 answers with a stable <c>code</c> extension that clients can branch on.</summary>
internal static class Problems
{
    /// <summary>The code of an answer the framework made without one: its status in snake case.</summary>
    public static string CodeFor(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        406 => "not_acceptable",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        >= 500 => "internal_error",
        _ => $"http_{status}",
    };

    public static IResult Of(int status, string code, string detail, TimeSpan? retryAfter = null, HttpContext? http = null)
    {
        if (retryAfter is { } wait && http is not null)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return Of(status, code, detail, []);
    }

    /// <summary>A problem with more extension members besides <c>code</c> (values must be serializable by the answers' JSON options: pass a JsonElement for anything but primitives).</summary>
    public static IResult Of(int status, string code, string detail, IEnumerable<KeyValuePair<string, object?>> extensions)
    {
        var members = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (name, value) in extensions) members[name] = value;
        return Results.Problem(detail: detail, statusCode: status, title: code.Replace('_', ' '),
            type: $"https://liveprofile.dev/problems/{code}", extensions: members);
    }
}
