using System.Security.Cryptography;
using System.Text;
using LiveProfile.Storage.IO;

namespace LiveProfile.Storage.Privacy;

/// <summary>
/// The key vault: per tenant a 32-byte HMAC key (pseudonymisation) and a 32-byte quarantine key, and
/// per (tenant, key id) a random AES-256 user key under which that user's PII is sealed. Destroying
/// a user key crypto-shreds every copy of the data sealed under it, in logs, snapshots and backups.
/// <para>
/// Durable in <c>keys.vault</c> (mode 0600, in a 0700 directory): an append-only file of checksummed
/// records (see <see cref="RecordFile"/>: a torn tail is cut on open, damage in the middle fails
/// closed). Tenant keys and destructions are fsynced before the call returns. New user keys are
/// buffered until <see cref="Flush"/>, which the ingest path calls before it fsyncs the event log, so
/// no logged event is ever sealed under a key that is not durable. Destroyed keys leave memory at
/// once and the file at the next <see cref="Compact"/>.
/// </para>
/// <para>
/// Memory: user keys live in a chunked slab (32 B each) indexed by a per-tenant open-addressing table
/// (~15–30 B each), about 50–60 B per user. Thread-safe; one process at a time (the file is locked).
/// </para>
/// </summary>
public sealed partial class KeyVault : IDisposable
{
    public const string FileName = "keys.vault";

    private const int KeySize = KeySlab.KeySize;
    private const int MaxTenantNameBytes = 1024;
    private const int MaxPayload = 2 + MaxTenantNameBytes + (2 * KeySize);

    private readonly Lock _gate = new();       // in-memory state and _pending
    private readonly Lock _flushGate = new();  // file appends, compaction; always taken before _gate
    private readonly Dictionary<string, VaultTenant> _byName = new(StringComparer.Ordinal);
    private readonly List<VaultTenant> _tenants = [];
    private readonly KeySlab _slab = new();
    private readonly RecordFile _file;
    private ByteWriter _pending = new(4096, sensitive: true);
    private ByteWriter? _spare = new(4096, sensitive: true);
    private int _userKeyCount;
    private bool _disposed;

    private KeyVault(string path)
    {
        _file = RecordFile.Open(path, "LPVAULT\u0001"u8, MaxPayload, Replay);
    }

    /// <summary>The vault file.</summary>
    public string FilePath => _file.FilePath;

    /// <summary>Live (not destroyed) user keys, over all tenants.</summary>
    public int UserKeyCount
    {
        get
        {
            lock (_gate)
            {
                return _userKeyCount;
            }
        }
    }

    /// <summary>Bytes of torn tail cut off when the vault was opened (0 normally).</summary>
    public long TruncatedBytesOnOpen => _file.TruncatedBytes;

    /// <summary>
    /// Opens the vault in <paramref name="directory"/>, creating the directory (0700) and
    /// <c>keys.vault</c> (0600) on first start.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is damaged other than by a torn tail; the message names file and offset.</exception>
    public static KeyVault Open(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var path = Path.Combine(directory, FileName);
        var isNew = !File.Exists(path);
        PrivateFiles.EnsureDirectory(directory, restrictExisting: isNew);
        return new KeyVault(path);
    }

    /// <summary>
    /// The tenant's pseudonymisation (HMAC-SHA256) key, created durably on first use. A view of the
    /// vault's own copy: valid until the vault is disposed (which zeroes it); copy it to keep it.
    /// </summary>
    public ReadOnlySpan<byte> TenantHmacKey(string tenant) => GetOrCreateTenant(tenant).HmacKey;

    /// <summary>A copy of the tenant's quarantine sealing key, created durably on first use.</summary>
    public byte[] QuarantineKey(string tenant) => (byte[])GetOrCreateTenant(tenant).QuarantineKey.Clone();

    /// <summary>
    /// The user key for (tenant, key id), a copy. A new key is random and only buffered: it is durable
    /// after the next <see cref="Flush"/>.
    /// </summary>
    public byte[] GetOrCreateUserKey(string tenant, ulong keyId)
    {
        var key = new byte[KeySize];
        CopyOrCreateUserKey(tenant, keyId, key);
        return key;
    }

    /// <summary>A copy of the user key, if it exists (false after <see cref="DestroyUserKey"/>).</summary>
    public bool TryGetUserKey(string tenant, ulong keyId, out byte[] key)
    {
        Span<byte> buffer = stackalloc byte[KeySize];
        if (TryCopyUserKey(tenant, keyId, buffer))
        {
            key = buffer.ToArray();
            CryptographicOperations.ZeroMemory(buffer);
            return true;
        }

        key = [];
        return false;
    }

    /// <summary>
    /// Crypto-shreds a user key: it is gone from memory at once and from the file at the next
    /// <see cref="Compact"/>; the destruction is durable when this returns. False if there was no such key.
    /// </summary>
    /// <summary>How many user keys were destroyed since open: caches of derived state compare it to drop what they hold.</summary>
    public long DestroyedKeyCount => Interlocked.Read(ref _destroyedKeyCount);

    private long _destroyedKeyCount;

    public bool DestroyUserKey(string tenant, ulong keyId)
    {
        lock (_flushGate)
        {
            lock (_gate)
            {
                ThrowIfDisposed();
                if (!_byName.TryGetValue(tenant, out var t) || !t.UserKeys.Remove(keyId, out var slot))
                {
                    return false;
                }

                _slab.Free(slot);
                _userKeyCount--;
                (t.Destroyed ??= []).Add(keyId);
                WriteKeyRecord(_pending, VaultRecordType.Destroy, t.Index, keyId, default);
                Interlocked.Increment(ref _destroyedKeyCount);
            }

            FlushCore();
            return true;
        }
    }

    /// <summary>Writes and fsyncs the buffered new user keys. Cheap when nothing is buffered.</summary>
    public void Flush()
    {
        lock (_flushGate)
        {
            FlushCore();
        }
    }

    /// <summary>
    /// Rewrites the file without the destroyed keys, atomically (temporary file, fsync, rename, fsync of
    /// the directory). Key creation waits while it runs.
    /// </summary>
    public void Compact()
    {
        lock (_flushGate)
        {
            FlushCore();
            lock (_gate)
            {
                ThrowIfDisposed();
                using var rewrite = _file.BeginRewrite();
                WriteSnapshot(rewrite);
                rewrite.Commit();
            }
        }
    }

    public void Dispose()
    {
        lock (_flushGate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                FlushCore();
            }
            catch (IOException)
            {
                // Keys never flushed sealed no logged event (the log flushes the vault first): losing them is safe.
            }
            catch (InvalidOperationException)
            {
                // Faulted earlier: same reasoning.
            }

            lock (_gate)
            {
                _disposed = true;
                _file.Dispose();
                _slab.Wipe();
                _pending.Clear();
                _spare?.Clear();
                foreach (var t in _tenants)
                {
                    CryptographicOperations.ZeroMemory(t.HmacKey);
                    CryptographicOperations.ZeroMemory(t.QuarantineKey);
                }
            }
        }
    }

    /// <summary>Copies the user key into <paramref name="destination"/> (32 bytes), creating it if new. No allocation.</summary>
    internal void CopyOrCreateUserKey(string tenant, ulong keyId, Span<byte> destination)
    {
        var t = GetOrCreateTenant(tenant);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (t.UserKeys.TryGet(keyId, out var slot))
            {
                _slab.Get(slot).CopyTo(destination);
                return;
            }

            Span<byte> key = stackalloc byte[KeySize];
            RandomNumberGenerator.Fill(key);
            slot = _slab.Allocate(key);
            t.UserKeys.Add(keyId, slot);
            _userKeyCount++;
            WriteKeyRecord(_pending, VaultRecordType.UserKey, t.Index, keyId, key);
            key.CopyTo(destination);
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Copies the user key into <paramref name="destination"/> (32 bytes) if it exists. No allocation.</summary>
    internal bool TryCopyUserKey(string tenant, ulong keyId, Span<byte> destination)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (!_byName.TryGetValue(tenant, out var t) || !t.UserKeys.TryGet(keyId, out var slot))
            {
                return false;
            }

            _slab.Get(slot).CopyTo(destination);
            return true;
        }
    }

    /// <summary>Whether a key with this id was ever destroyed (a later key with the same id is a new key).</summary>
    internal bool WasDestroyed(string tenant, ulong keyId)
    {
        lock (_gate)
        {
            return _byName.TryGetValue(tenant, out var t) && t.Destroyed is { } destroyed && destroyed.Contains(keyId);
        }
    }

    private VaultTenant GetOrCreateTenant(string tenant)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_byName.TryGetValue(tenant, out var existing))
            {
                return existing;
            }
        }

        ArgumentException.ThrowIfNullOrEmpty(tenant);
        if (Encoding.UTF8.GetByteCount(tenant) > MaxTenantNameBytes)
        {
            throw new ArgumentException($"Tenant names are at most {MaxTenantNameBytes} UTF-8 bytes.", nameof(tenant));
        }

        lock (_flushGate)
        {
            VaultTenant created;
            lock (_gate)
            {
                ThrowIfDisposed();
                if (_byName.TryGetValue(tenant, out var existing))
                {
                    return existing;
                }

                created = new VaultTenant(_tenants.Count, tenant, RandomNumberGenerator.GetBytes(KeySize), RandomNumberGenerator.GetBytes(KeySize));
                AddTenant(created);
                WriteTenantRecord(_pending, created);
            }

            FlushCore();
            return created;
        }
    }

    /// <summary>Appends and fsyncs what is pending. Caller holds <see cref="_flushGate"/> and not <see cref="_gate"/>.</summary>
    private void FlushCore()
    {
        ByteWriter batch;
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_pending.Length == 0)
            {
                return;
            }

            batch = _pending;
            _pending = _spare!;
            _spare = null;
        }

        try
        {
            // Another thread may add keys to the new _pending meanwhile; they go out with the next flush.
            _file.Append(batch.WrittenSpan);
            _file.Sync();
        }
        catch
        {
            lock (_gate)
            {
                // Put the batch back in front so a retry (if the file is not faulted) writes it in order.
                var rest = _pending;
                batch.WriteBytes(rest.WrittenSpan);
                rest.Clear();
                _pending = batch;
                _spare = rest;
            }

            throw;
        }

        batch.Clear();
        lock (_gate)
        {
            _spare = batch;
        }
    }

    private void AddTenant(VaultTenant tenant)
    {
        _tenants.Add(tenant);
        _byName.Add(tenant.Name, tenant);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
