namespace LiveProfile.Server.Ingest;

/// <summary>Ingest refused before anything was stored: the caller should retry after <see cref="RetryAfter"/>.</summary>
internal sealed class OverloadedException(int statusCode, string code, string message, TimeSpan retryAfter) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string Code { get; } = code;
    public TimeSpan RetryAfter { get; } = retryAfter;
}
