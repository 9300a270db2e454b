namespace LiveProfile.Engine.Contract;

/// <summary>The size and time limits of ingestion (spec/events.md, "Limits"). Immutable once built.</summary>
public sealed class IngestLimits
{
    /// <summary>The defaults of the spec.</summary>
    public static IngestLimits Default { get; } = new();

    /// <summary>One event (NDJSON line or array element, UTF-8 bytes) at most; else <c>event_too_large</c>.</summary>
    public int MaxEventBytes { get; init; } = 32 * 1024;

    /// <summary>One request body at most; else 413 <c>request_too_large</c>.</summary>
    public int MaxRequestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Events in one request at most; else 413 <c>too_many_events</c>.</summary>
    public int MaxEventsPerRequest { get; init; } = 10_000;

    /// <summary>Nested JSON containers in one event at most, the event object included; else <c>too_deep</c>.</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>Any string (value or field name) at most, in UTF-16 chars; else <c>string_too_long</c>.</summary>
    public int MaxStringChars { get; init; } = 4096;

    /// <summary>A comment or review <c>text</c> at most, in UTF-16 chars; else <c>comment_too_long</c>.</summary>
    public int MaxCommentChars { get; init; } = 500;

    /// <summary>How far <c>ts</c> may be ahead of the server clock after skew correction; else <c>future_timestamp</c>.</summary>
    public TimeSpan MaxFuture { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How far <c>ts</c> may be behind the server clock; else <c>too_old</c>.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(400);
}
