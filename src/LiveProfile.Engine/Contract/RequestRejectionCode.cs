namespace LiveProfile.Engine.Contract;

/// <summary>
/// Stable codes for a request rejected as a whole (nothing stored). Part of the public contract, like
/// <see cref="RejectionCode"/>: never rename one.
/// </summary>
public static class RequestRejectionCode
{
    /// <summary>400: the body is not NDJSON / a JSON array at all (empty, not UTF-8, broken array).</summary>
    public const string MalformedBody = "malformed_body";

    /// <summary>413: more events than <see cref="IngestLimits.MaxEventsPerRequest"/>.</summary>
    public const string TooManyEvents = "too_many_events";

    /// <summary>413: the body is larger than <see cref="IngestLimits.MaxRequestBytes"/>.</summary>
    public const string RequestTooLarge = "request_too_large";

    /// <summary>Every request-level code, for tests and documentation.</summary>
    public static readonly IReadOnlyList<string> All = [MalformedBody, TooManyEvents, RequestTooLarge];
}
