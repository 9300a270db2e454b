using System.Collections.Concurrent;

namespace LiveProfile.Cli.Loadgen;

/// <summary>Counters of a load run, updated by every sender at once.</summary>
internal sealed class LoadStats
{
    private long _requests;
    private long _eventsSent;
    private long _accepted;
    private long _duplicates;
    private long _rejected;
    private long _throttled;
    private long _errors;
    private LatencyHistogram _interval = new();

    public LatencyHistogram Latency { get; } = new();
    public ConcurrentDictionary<string, long> ErrorKinds { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, long> RejectedCodes { get; } = new(StringComparer.Ordinal);

    public long Requests => Interlocked.Read(ref _requests);
    public long EventsSent => Interlocked.Read(ref _eventsSent);
    public long Accepted => Interlocked.Read(ref _accepted);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Throttled => Interlocked.Read(ref _throttled);
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>A request answered 200: its ack latency and what the server did with the events.</summary>
    public void Answered(TimeSpan latency, int events, Http.IngestAnswer answer)
    {
        Count(latency, events);
        Interlocked.Add(ref _accepted, answer.Accepted);
        Interlocked.Add(ref _duplicates, answer.Duplicates);
        foreach (var r in answer.Rejected ?? [])
        {
            Interlocked.Increment(ref _rejected);
            RejectedCodes.AddOrUpdate(r.Code, 1, (_, n) => n + 1);
        }
    }

    /// <summary>A 429/503: the server pushed back; the same events go again, so they are not counted yet.</summary>
    public void Pushback(TimeSpan latency)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _throttled);
        Latency.Record(latency);
        Volatile.Read(ref _interval).Record(latency);
    }

    /// <summary>Any other answer or a network failure.</summary>
    public void Failed(string kind, TimeSpan? latency, int events)
    {
        if (latency is { } l) Count(l, events);
        else Interlocked.Add(ref _eventsSent, events);
        Interlocked.Increment(ref _errors);
        ErrorKinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    /// <summary>Latencies since the last call, for the live line.</summary>
    public LatencyHistogram TakeInterval() => Interlocked.Exchange(ref _interval, new LatencyHistogram());

    private void Count(TimeSpan latency, int events)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _eventsSent, events);
        Latency.Record(latency);
        Volatile.Read(ref _interval).Record(latency);
    }
}
