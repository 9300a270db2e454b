namespace LiveProfile.Cli.Http;

/// <summary>What one <c>POST /v1/events</c> got back. <see cref="Elapsed"/> runs from send to the last byte of the answer.</summary>
internal readonly record struct PostResult(int Status, IngestAnswer? Answer, ProblemAnswer? Problem, TimeSpan? RetryAfter, TimeSpan Elapsed)
{
    public bool Ok => Status == 200 && Answer is not null;

    /// <summary>Overload answers (spec: 429/503 with Retry-After, nothing half-accepted): the same batch may be sent again.</summary>
    public bool Retryable => Status is 429 or 503;

    public string Describe() => Problem?.Describe(Status) ?? (Status == 200 ? "HTTP 200 with an unreadable answer" : $"HTTP {Status}");
}
