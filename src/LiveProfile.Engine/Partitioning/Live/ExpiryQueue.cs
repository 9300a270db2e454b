namespace LiveProfile.Engine.Partitioning.Live;

/// <summary>
/// Keys by the event time at which something about them falls due (a visit's time-out, a remembered click's end), so
/// that a sweep touches only what is due instead of everything held. Owners keep one entry per key: they schedule a
/// key when they first hold it, and when its entry comes due they handle it and schedule it again if it is still held.
/// </summary>
internal sealed class ExpiryQueue<TKey>
{
    private readonly PriorityQueue<TKey, long> _queue = new();

    public void Schedule(TKey key, long dueMs) => _queue.Enqueue(key, dueMs);

    /// <summary>Removes and returns a key due before <paramref name="watermarkMs"/>, oldest first.</summary>
    public bool TryTakeDue(long watermarkMs, out TKey key)
    {
        if (_queue.TryPeek(out key!, out var due) && due < watermarkMs)
        {
            _queue.Dequeue();
            return true;
        }
        key = default!;
        return false;
    }
}
