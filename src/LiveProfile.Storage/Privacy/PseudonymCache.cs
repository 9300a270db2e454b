namespace LiveProfile.Storage.Privacy;

/// <summary>
/// A bounded raw identifier → pseudonym cache, LRU-ish with two generations: lookups go to the
/// current generation, then the previous one (promoting the hit); when the current generation
/// holds half the capacity, it becomes the previous one and the old previous one is dropped. So
/// the hot set survives a rotation and the size never exceeds the capacity. Thread-safe (a lock:
/// the critical section is one dictionary lookup).
/// </summary>
internal sealed class PseudonymCache
{
    private readonly Lock _gate = new();
    private readonly int _generationCapacity;
    private Dictionary<PseudonymCacheKey, ulong> _current = [];
    private Dictionary<PseudonymCacheKey, ulong> _previous = [];

    public PseudonymCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _generationCapacity = capacity / 2;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _current.Count + _previous.Count;
            }
        }
    }

    public bool TryGet(PseudonymCacheKey key, out ulong hash)
    {
        lock (_gate)
        {
            if (_current.TryGetValue(key, out hash))
            {
                return true;
            }

            if (_previous.Remove(key, out hash))
            {
                AddLocked(key, hash);
                return true;
            }

            return false;
        }
    }

    public void Add(PseudonymCacheKey key, ulong hash)
    {
        lock (_gate)
        {
            AddLocked(key, hash);
        }
    }

    private void AddLocked(PseudonymCacheKey key, ulong hash)
    {
        if (_current.Count >= _generationCapacity)
        {
            (_previous, _current) = (_current, _previous);
            _current.Clear();
        }

        _current[key] = hash;
    }
}
