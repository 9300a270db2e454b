using System.Runtime.InteropServices;

namespace LiveProfile.Engine.Partitioning.Live;

/// <summary>
/// Keys by the event time at which something about them falls due (a visit's time-out, a remembered click's end), so
/// that a sweep touches only what is due instead of everything held. Owners schedule a key when they first hold it,
/// and when its entry comes due they handle it and schedule it again if it is still held; an owner that must look at a
/// key sooner schedules it again and ignores the stale entry when it comes (by the time it was scheduled for).
/// </summary>
/// <remarks>
/// Keys wait in buckets of <see cref="BucketMs"/> of event time, taken whole in order (a timing wheel whose slots are
/// found through a map): scheduling appends to a list and taking reads lists front to back. A binary heap of the same
/// million keys missed the cache at every level of every take and was a tenth of the engine's time.
/// </remarks>
internal sealed class ExpiryQueue<TKey>
{
    /// <summary>Event time one bucket covers; sweeps run every 10 s of event time, so finer buckets would buy nothing.</summary>
    public const long BucketMs = 10_000;

    private readonly Dictionary<long, List<(TKey Key, long DueMs)>> _buckets = [];
    private readonly PriorityQueue<long, long> _order = new(); // bucket numbers held, each once
    private readonly Stack<List<(TKey Key, long DueMs)>> _spare = new();

    public void Schedule(TKey key, long dueMs)
    {
        var bucket = BucketOf(dueMs);
        ref var keys = ref CollectionsMarshal.GetValueRefOrAddDefault(_buckets, bucket, out var exists);
        if (!exists)
        {
            keys = _spare.Count > 0 ? _spare.Pop() : [];
            _order.Enqueue(bucket, bucket);
        }
        keys!.Add((key, dueMs));
    }

    /// <summary>
    /// Moves every key due before <paramref name="beforeMs"/>, with the time it was scheduled for, into <paramref name="due"/>.
    /// Keys scheduled while the caller handles them wait for the next take.
    /// </summary>
    public void TakeDue(long beforeMs, List<(TKey Key, long DueMs)> due)
    {
        while (_order.TryPeek(out var bucket, out _) && bucket * BucketMs < beforeMs)
        {
            var keys = _buckets[bucket];
            var kept = 0;
            for (var i = 0; i < keys.Count; i++)
            {
                if (keys[i].DueMs < beforeMs) due.Add(keys[i]);
                else keys[kept++] = keys[i];
            }
            if (kept > 0)
            {
                // The bucket that holds beforeMs: what is left in it, and every later bucket, is not due yet.
                keys.RemoveRange(kept, keys.Count - kept);
                return;
            }
            _order.Dequeue();
            _buckets.Remove(bucket);
            keys.Clear();
            _spare.Push(keys);
        }
    }

    private static long BucketOf(long ms)
    {
        var bucket = ms / BucketMs;
        return ms % BucketMs < 0 ? bucket - 1 : bucket; // floor, for times before 1970 too
    }
}
