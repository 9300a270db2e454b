using System.Collections.Concurrent;
using LiveProfile.Cli.Http;

namespace LiveProfile.Cli.Simulate;

/// <summary>What the server answered to the simulator's requests, summed over concurrent senders.</summary>
internal sealed class DeliveryTally
{
    private long _sent, _accepted, _duplicates, _rejected;
    public ConcurrentDictionary<string, long> RejectedByCode { get; } = new(StringComparer.Ordinal);
    public string? Failure { get; private set; }

    public long Sent => Interlocked.Read(ref _sent);
    public long Accepted => Interlocked.Read(ref _accepted);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Rejected => Interlocked.Read(ref _rejected);

    public void Add(int lines, IngestAnswer answer)
    {
        Interlocked.Add(ref _sent, lines);
        Interlocked.Add(ref _accepted, answer.Accepted);
        Interlocked.Add(ref _duplicates, answer.Duplicates);
        foreach (var r in answer.Rejected ?? [])
        {
            Interlocked.Increment(ref _rejected);
            RejectedByCode.AddOrUpdate(r.Code, 1, (_, n) => n + 1);
        }
    }

    public void Fail(string reason) => Failure ??= reason;
}
