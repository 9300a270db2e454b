using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LiveProfile.Engine.Contract;

namespace LiveProfile.Storage.Privacy;

/// <summary>
/// Turns raw identifiers into pseudonyms: the first 8 bytes (little-endian) of
/// HMAC-SHA256(tenant key, kind byte ‖ UTF-8 of the normalised value). The tenant key comes from the
/// <see cref="KeyVault"/>, so pseudonyms are stable across restarts and differ between tenants.
/// A bounded per-tenant cache of raw value → pseudonym (process memory only) saves the HMAC for
/// repeat identifiers. Thread-safe.
/// </summary>
public sealed class Pseudonymizer
{
    private const int StackLimit = 512;

    private readonly KeyVault _vault;
    private readonly int _cacheCapacity;
    private readonly ConcurrentDictionary<string, PseudonymTenant> _tenants = new(StringComparer.Ordinal);

    public Pseudonymizer(KeyVault vault)
        : this(vault, new PseudonymizerOptions())
    {
    }

    public Pseudonymizer(KeyVault vault, PseudonymizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.CacheCapacityPerTenant);
        _vault = vault;
        _cacheCapacity = options.CacheCapacityPerTenant;
    }

    /// <summary>The pseudonym hash of <paramref name="rawValue"/> for <paramref name="tenant"/>.</summary>
    public ulong Hash(string tenant, IdentifierKind kind, string rawValue)
    {
        ArgumentNullException.ThrowIfNull(rawValue);
        var state = GetTenant(tenant);
        var cacheKey = new PseudonymCacheKey(kind, rawValue);
        if (state.Cache is { } cache && cache.TryGet(cacheKey, out var cached))
        {
            return cached;
        }

        var hash = Compute(state.Key, kind, IdentifierNormalizer.Normalize(kind, rawValue));
        state.Cache?.Add(cacheKey, hash);
        return hash;
    }

    /// <summary>The pseudonym of a raw identifier.</summary>
    public Pseudonym Pseudonymize(string tenant, IdentifierKind kind, string rawValue) => new(kind, Hash(tenant, kind, rawValue));

    /// <summary>Entries in the tenant's cache (tests, metrics).</summary>
    internal int CachedCount(string tenant) => _tenants.TryGetValue(tenant, out var t) && t.Cache is { } c ? c.Count : 0;

    /// <summary>The hash of an already normalised value, uncached.</summary>
    internal static ulong Compute(ReadOnlySpan<byte> key, IdentifierKind kind, string normalized)
    {
        var count = 1 + Encoding.UTF8.GetByteCount(normalized);
        byte[]? rented = null;
        var input = count <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(count));
        input = input[..count];
        input[0] = (byte)kind;
        Encoding.UTF8.GetBytes(normalized, input[1..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, input, mac);
        CryptographicOperations.ZeroMemory(input);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return BinaryPrimitives.ReadUInt64LittleEndian(mac);
    }

    private PseudonymTenant GetTenant(string tenant)
    {
        if (_tenants.TryGetValue(tenant, out var state))
        {
            return state;
        }

        var created = new PseudonymTenant(
            _vault.TenantHmacKey(tenant).ToArray(),
            _cacheCapacity >= 2 ? new PseudonymCache(_cacheCapacity) : null);
        return _tenants.GetOrAdd(tenant, created);
    }
}
