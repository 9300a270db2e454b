using LiveProfile.Cli.Http;

namespace LiveProfile.Cli.Ingest;

/// <summary>
/// Sends one batch until it gets a final answer. Overload answers (429/503) are retried after their
/// Retry-After, network failures after a short backoff; both are safe because event ids make the
/// ingest idempotent (a batch the server did store comes back as duplicates).
/// </summary>
internal sealed class BatchSender(EventsClient client, Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    public const int MaxAttempts = 8;
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;

    /// <summary>Retries taken so far, over all batches.</summary>
    public int Retries { get; private set; }

    public async Task<SendOutcome> SendAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            try
            {
                var result = await client.PostAsync(payload, ct).ConfigureAwait(false);
                if (!result.Retryable || attempt == MaxAttempts) return new SendOutcome(result, null);
                wait = Clamp(result.RetryAfter ?? DefaultRetryAfter);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                if (attempt >= 3) return new SendOutcome(null, $"cannot reach {client.Endpoint}: {ex.Message}");
                wait = TimeSpan.FromSeconds(attempt);
            }
            Retries++;
            await _delay(wait, ct).ConfigureAwait(false);
        }
    }

    private static TimeSpan Clamp(TimeSpan wait) => wait > MaxWait ? MaxWait : wait;
}

/// <summary>The final answer to a batch, or why there is none.</summary>
internal readonly record struct SendOutcome(PostResult? Result, string? NetworkError);
