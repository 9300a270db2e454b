using System.Security.Cryptography;

namespace LiveProfile.Storage.Privacy;

/// <summary>
/// A per-thread cache of <see cref="AesGcm"/> instances by user key: building one costs an OpenSSL
/// context and a key schedule, more than sealing a small blob, and active users seal many events.
/// An entry is reused only while the vault still holds the same key bytes, and the whole cache is
/// dropped when any key is destroyed, so an erased key does not linger here.
/// </summary>
internal sealed class AesGcmCache : IDisposable
{
    private const int Capacity = 1024;

    [ThreadStatic]
    private static AesGcmCache? t_cache;

    private readonly Dictionary<(string Tenant, ulong KeyId), Entry> _entries = [];
    private long _destroyedSeen;

    /// <summary>This thread's cache, emptied first if a key was destroyed since it was last used.</summary>
    public static AesGcmCache ForThread(long destroyedCount)
    {
        var cache = t_cache ??= new AesGcmCache();
        if (cache._destroyedSeen != destroyedCount)
        {
            cache.Dispose();
            cache._destroyedSeen = destroyedCount;
        }
        return cache;
    }

    /// <summary>An <see cref="AesGcm"/> for <paramref name="key"/>; owned by the cache, do not dispose it.</summary>
    public AesGcm Get(string tenant, ulong keyId, ReadOnlySpan<byte> key)
    {
        if (_entries.TryGetValue((tenant, keyId), out var entry) && CryptographicOperations.FixedTimeEquals(entry.Key, key))
        {
            return entry.Aes;
        }
        if (entry is not null) Evict(tenant, keyId, entry);
        if (_entries.Count >= Capacity) Dispose(); // cheap and bounded: hot users come back at once
        var created = new Entry(key.ToArray(), new AesGcm(key, AeadBox.TagSize));
        _entries[(tenant, keyId)] = created;
        return created.Aes;
    }

    private void Evict(string tenant, ulong keyId, Entry entry)
    {
        _entries.Remove((tenant, keyId));
        entry.Dispose();
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values) entry.Dispose();
        _entries.Clear();
    }

    private sealed record Entry(byte[] Key, AesGcm Aes) : IDisposable
    {
        public void Dispose()
        {
            CryptographicOperations.ZeroMemory(Key);
            Aes.Dispose();
        }
    }
}
