using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using LiveProfile.Storage.IO;
using LiveProfile.Storage.Privacy;

namespace LiveProfile.Storage.Quarantine;

/// <summary>
/// Rejected events, kept with their reason so they can be listed, fixed and replayed
/// (spec/events.md, "Answers"). An append-only <c>quarantine.log</c> (mode 0600) of checksummed
/// records (a torn tail is cut on open, damage in the middle fails closed naming file and offset).
/// <para>
/// The raw JSON may hold PII, and so may the message and a malformed event id: those three are
/// sealed with AES-256-GCM under the tenant's quarantine key from the <see cref="KeyVault"/>. Seq,
/// tenant, receivedMs, line and code stay plain, so the index is rebuilt on open without any key.
/// In memory: per tenant, seq → (file offset, code, replayed), never the text.
/// </para>
/// Seqs are global, increasing from 1. <see cref="Add"/> and <see cref="MarkReplayed"/> are durable
/// (fsynced) when they return. Thread-safe.
/// </summary>
public sealed class QuarantineStore : IDisposable
{
    public const string FileName = "quarantine.log";

    private const int MaxPayload = 16 << 20;
    private const int MaxCodeBytes = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, QuarantineTenantIndex> _tenants = new(StringComparer.Ordinal);
    private readonly KeyVault _vault;
    private readonly RecordFile _file;
    private long _lastSeq;
    private bool _disposed;

    private QuarantineStore(string path, KeyVault vault)
    {
        _vault = vault;
        _file = RecordFile.Open(path, "LPQUAR\0\u0001"u8, MaxPayload, Replay);
    }

    public string FilePath => _file.FilePath;

    /// <summary>The seq of the last entry (0 when empty).</summary>
    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _lastSeq;
            }
        }
    }

    /// <summary>Opens <c>quarantine.log</c> in <paramref name="directory"/> (created 0700 if missing), rebuilding the index.</summary>
    /// <exception cref="InvalidDataException">The file is damaged other than by a torn tail; the message names file and offset.</exception>
    public static QuarantineStore Open(string directory, KeyVault vault)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(vault);
        PrivateFiles.EnsureDirectory(directory, restrictExisting: false);
        return new QuarantineStore(Path.Combine(directory, FileName), vault);
    }

    /// <summary>Quarantines rejected events of one request, durably; returns their seqs in input order.</summary>
    public long[] Add(string tenant, long receivedMs, IReadOnlyList<QuarantineEntryInput> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return [];
        }

        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            ArgumentNullException.ThrowIfNull(entry.Message);
            ArgumentNullException.ThrowIfNull(entry.RawJson);
            if (string.IsNullOrEmpty(entry.Code) || Encoding.UTF8.GetByteCount(entry.Code) > MaxCodeBytes)
            {
                throw new ArgumentException($"A code is 1–{MaxCodeBytes} UTF-8 bytes.", nameof(entries));
            }
        }

        var key = _vault.QuarantineKey(tenant);
        try
        {
            using var aes = new AesGcm(key, AeadBox.TagSize);
            var records = new ByteWriter(4096);
            var secret = new ByteWriter(1024, sensitive: true);
            var starts = new int[entries.Count];
            var seqs = new long[entries.Count];
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                for (var i = 0; i < entries.Count; i++)
                {
                    seqs[i] = _lastSeq + 1 + i;
                    starts[i] = records.Length;
                    WriteEntry(records, secret, aes, tenant, seqs[i], receivedMs, entries[i]);
                }

                var baseOffset = _file.Length;
                _file.Append(records.WrittenSpan);
                _file.Sync();
                _lastSeq += entries.Count;
                var index = TenantIndex(tenant);
                for (var i = 0; i < entries.Count; i++)
                {
                    index.Add(seqs[i], baseOffset + starts[i], entries[i].Code);
                }
            }

            return seqs;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The tenant's entries with seq &gt; <paramref name="afterSeq"/>, in seq order, optionally only those
    /// with <paramref name="code"/>, at most <paramref name="limit"/>. Page on with the last seq returned.
    /// </summary>
    public IReadOnlyList<QuarantinedEvent> List(string tenant, string? code, long afterSeq, int limit)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var picked = new List<(QuarantineIndexEntry Entry, string Code)>(Math.Min(limit, 256));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_tenants.TryGetValue(tenant, out var index))
            {
                return [];
            }

            var codeId = -1;
            if (code is not null && !index.TryGetCodeId(code, out codeId))
            {
                return [];
            }

            var start = index.IndexOf(afterSeq);
            start = start >= 0 ? start + 1 : ~start;
            var entries = index.Entries;
            for (var i = start; i < entries.Count && picked.Count < limit; i++)
            {
                var entry = entries[i];
                if (codeId < 0 || entry.CodeId == codeId)
                {
                    picked.Add((entry, index.CodeOf(entry.CodeId)));
                }
            }
        }

        return Read(tenant, picked);
    }

    /// <summary>One entry of the tenant, or null if the seq is not one of its entries.</summary>
    public QuarantinedEvent? Get(string tenant, long seq)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        (QuarantineIndexEntry Entry, string Code) picked;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_tenants.TryGetValue(tenant, out var index) || index.IndexOf(seq) is var i && i < 0)
            {
                return null;
            }

            var entry = index.Entries[i];
            picked = (entry, index.CodeOf(entry.CodeId));
        }

        return Read(tenant, [picked])[0];
    }

    /// <summary>Marks entries of the tenant replayed, durably. Unknown or already replayed seqs are ignored.</summary>
    public void MarkReplayed(string tenant, IEnumerable<long> seqs)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentNullException.ThrowIfNull(seqs);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_tenants.TryGetValue(tenant, out var index))
            {
                return;
            }

            var fresh = new List<long>();
            var seen = new HashSet<long>();
            foreach (var seq in seqs)
            {
                var i = index.IndexOf(seq);
                if (i >= 0 && !index.Entries[i].Replayed && seen.Add(seq))
                {
                    fresh.Add(seq);
                }
            }

            if (fresh.Count == 0)
            {
                return;
            }

            var writer = new ByteWriter(64 + (fresh.Count * 8));
            const int perRecord = 64 * 1024;
            for (var from = 0; from < fresh.Count; from += perRecord)
            {
                var count = Math.Min(perRecord, fresh.Count - from);
                var start = RecordFile.BeginRecord(writer, (byte)QuarantineRecordType.Replayed);
                writer.WriteString16(tenant);
                writer.WriteUInt32((uint)count);
                for (var k = 0; k < count; k++)
                {
                    writer.WriteInt64(fresh[from + k]);
                }

                RecordFile.EndRecord(writer, start);
            }

            _file.Append(writer.WrittenSpan);
            _file.Sync();
            foreach (var seq in fresh)
            {
                index.MarkReplayed(seq);
            }
        }
    }

    /// <summary>Entries of the tenant per code (codes with none are absent); with <paramref name="pendingOnly"/>, only those not replayed.</summary>
    public IReadOnlyDictionary<string, long> CountsByCode(string tenant, bool pendingOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _tenants.TryGetValue(tenant, out var index)
                ? index.Counts(pendingOnly)
                : new Dictionary<string, long>(StringComparer.Ordinal);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _file.Dispose();
        }
    }

    private static void WriteEntry(ByteWriter records, ByteWriter secret, AesGcm aes, string tenant, long seq, long receivedMs, QuarantineEntryInput entry)
    {
        var start = RecordFile.BeginRecord(records, (byte)QuarantineRecordType.Entry);
        records.WriteInt64(seq);
        records.WriteString16(tenant);
        records.WriteInt64(receivedMs);
        records.WriteInt32(entry.Line);
        records.WriteString16(entry.Code);

        secret.Clear();
        secret.WriteByte(entry.EventId is null ? (byte)0 : (byte)1);
        if (entry.EventId is not null)
        {
            secret.WriteString(entry.EventId);
        }

        secret.WriteString(entry.Message);
        secret.WriteString(entry.RawJson);
        Span<byte> aad = stackalloc byte[AadLength(tenant)];
        WriteAad(aad, tenant, seq);
        AeadBox.Seal(aes, secret.WrittenSpan, aad, records.Reserve(secret.Length + AeadBox.Overhead));
        secret.Clear();
        RecordFile.EndRecord(records, start);
    }

    private static int AadLength(string tenant) => "quarantine"u8.Length + 1 + Encoding.UTF8.GetByteCount(tenant) + 1 + 8;

    private static void WriteAad(Span<byte> destination, string tenant, long seq)
    {
        "quarantine"u8.CopyTo(destination);
        var at = "quarantine"u8.Length;
        destination[at++] = 0;
        at += Encoding.UTF8.GetBytes(tenant, destination[at..]);
        destination[at++] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(destination[at..], seq);
    }

    /// <summary>Reads and decrypts entries (outside the lock: positional reads of immutable records).</summary>
    private List<QuarantinedEvent> Read(string tenant, List<(QuarantineIndexEntry Entry, string Code)> picked)
    {
        var result = new List<QuarantinedEvent>(picked.Count);
        if (picked.Count == 0)
        {
            return result;
        }

        var key = _vault.QuarantineKey(tenant);
        try
        {
            using var aes = new AesGcm(key, AeadBox.TagSize);
            foreach (var (entry, code) in picked)
            {
                result.Add(ReadEntry(aes, tenant, entry, code));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return result;
    }

    private QuarantinedEvent ReadEntry(AesGcm aes, string tenant, QuarantineIndexEntry entry, string code)
    {
        var payload = _file.ReadPayload(entry.Offset, out var type);
        var reader = new SpanReader(payload);
        if (type != (byte)QuarantineRecordType.Entry || reader.ReadInt64() != entry.Seq || reader.ReadString16() != tenant)
        {
            throw RecordFile.Corrupt(_file.FilePath, entry.Offset, $"entry {entry.Seq} is not where the index points");
        }

        var receivedMs = reader.ReadInt64();
        var line = reader.ReadInt32();
        _ = reader.ReadString16(); // the code, already known from the index
        var box = reader.ReadRest();
        var plaintext = new byte[box.Length - AeadBox.Overhead];
        try
        {
            Span<byte> aad = stackalloc byte[AadLength(tenant)];
            WriteAad(aad, tenant, entry.Seq);
            AeadBox.Open(aes, box, aad, plaintext);
            var secret = new SpanReader(plaintext);
            var eventId = secret.ReadByte() != 0 ? secret.ReadString() : null;
            var message = secret.ReadString();
            var rawJson = secret.ReadString();
            return new QuarantinedEvent(entry.Seq, receivedMs, line, eventId, code, message, rawJson, entry.Replayed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private QuarantineTenantIndex TenantIndex(string tenant)
    {
        if (!_tenants.TryGetValue(tenant, out var index))
        {
            index = new QuarantineTenantIndex();
            _tenants.Add(tenant, index);
        }

        return index;
    }

    /// <summary>Rebuilds the index while opening; no key is needed.</summary>
    private void Replay(byte type, ReadOnlySpan<byte> payload, long offset)
    {
        var reader = new SpanReader(payload);
        switch ((QuarantineRecordType)type)
        {
            case QuarantineRecordType.Entry:
            {
                var seq = reader.ReadInt64();
                var tenant = reader.ReadString16();
                _ = reader.ReadInt64(); // receivedMs
                _ = reader.ReadInt32(); // line
                var code = reader.ReadString16();
                if (seq <= _lastSeq)
                {
                    throw new InvalidDataException($"seq {seq} out of order after {_lastSeq}");
                }

                if (reader.Remaining < AeadBox.Overhead)
                {
                    throw new InvalidDataException("sealed part too short");
                }

                _lastSeq = seq;
                TenantIndex(tenant).Add(seq, offset, code);
                break;
            }

            case QuarantineRecordType.Replayed:
            {
                var index = TenantIndex(reader.ReadString16());
                var count = reader.ReadUInt32();
                for (var i = 0; i < count; i++)
                {
                    index.MarkReplayed(reader.ReadInt64());
                }

                break;
            }

            default:
                throw new InvalidDataException($"unknown record type {type}");
        }

        if (reader.Remaining != 0 && type != (byte)QuarantineRecordType.Entry)
        {
            throw new InvalidDataException($"{reader.Remaining} trailing bytes in a record of type {type}");
        }
    }
}
