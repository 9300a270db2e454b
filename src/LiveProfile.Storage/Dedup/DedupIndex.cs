using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace LiveProfile.Storage.Dedup;

/// <summary>
/// Remembers which (tenant, event id) pairs were accepted within the dedup window, so the same
/// event is applied once (spec/events.md: the id is the idempotency key).
/// <para>
/// A pair is kept as XxHash128(UTF-8 tenant ‖ 0 ‖ UTF-8 id) (collisions: 2⁻¹²⁸ per pair, so no
/// strings are held), in a bucket per <see cref="DedupOptions.BucketWidth"/> of receivedMs, ~21–43 B
/// per id. An id is a duplicate while its bucket is alive: at time <c>now</c>, bucket <c>b</c> is
/// alive when it ends after <c>now − window</c>, so an id is remembered for at least the window and
/// at most one bucket width longer. Whole buckets are dropped by <see cref="ExpireBefore"/>; lookups
/// ignore dead buckets even before that, so behaviour does not depend on when expiry runs.
/// </para>
/// <para>Not thread-safe, by contract: the ingest sequencer that owns it is single-threaded.</para>
/// </summary>
public sealed class DedupIndex
{
    private const byte FormatVersion = 1;
    private const int StackLimit = 512;
    private static ReadOnlySpan<byte> Magic => "LPDD"u8;

    private readonly List<DedupBucket> _buckets = []; // ascending Index
    private readonly long _windowMs;
    private readonly long _widthMs;

    public DedupIndex()
        : this(new DedupOptions())
    {
    }

    public DedupIndex(DedupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _windowMs = (long)options.Window.TotalMilliseconds;
        _widthMs = (long)options.BucketWidth.TotalMilliseconds;
    }

    public DedupOptions Options { get; }

    /// <summary>Ids held, over all buckets (alive or not yet expired).</summary>
    public long Count
    {
        get
        {
            long count = 0;
            foreach (var bucket in _buckets)
            {
                count += bucket.Ids.Count;
            }

            return count;
        }
    }

    /// <summary>Buckets held (for metrics and tests).</summary>
    public int BucketCount => _buckets.Count;

    /// <summary>
    /// Records (tenant, id) as seen at <paramref name="receivedMs"/>; false when it was already seen
    /// within the window (a duplicate: nothing changes, the first sighting keeps counting).
    /// </summary>
    public bool TryAdd(string tenant, string eventId, long receivedMs)
    {
        var hash = HashOf(tenant, eventId);
        if (ContainsAlive(hash, receivedMs))
        {
            return false;
        }

        return BucketFor(FloorDiv(receivedMs, _widthMs)).Ids.Add(hash);
    }

    /// <summary>Whether (tenant, id) counts as seen at <paramref name="nowMs"/>.</summary>
    public bool Contains(string tenant, string eventId, long nowMs) => ContainsAlive(HashOf(tenant, eventId), nowMs);

    /// <summary>
    /// Undoes a <see cref="TryAdd"/> that returned true with the same arguments: for a batch that
    /// failed to reach the log, so that the producer's retry is not taken for a duplicate.
    /// </summary>
    public void Remove(string tenant, string eventId, long receivedMs)
    {
        var index = FloorDiv(receivedMs, _widthMs);
        var at = Find(index);
        if (at >= 0 && _buckets[at].Ids.Remove(HashOf(tenant, eventId)) && _buckets[at].Ids.Count == 0)
        {
            _buckets.RemoveAt(at);
        }
    }

    /// <summary>Drops the buckets that are dead at <paramref name="nowMs"/> (they end at or before now − window).</summary>
    public void ExpireBefore(long nowMs)
    {
        var firstAlive = FirstAliveIndex(nowMs);
        var dead = 0;
        while (dead < _buckets.Count && _buckets[dead].Index < firstAlive)
        {
            dead++;
        }

        _buckets.RemoveRange(0, dead);
    }

    /// <summary>
    /// Writes a compact binary image: "LPDD", version, window and width (ms), buckets (index, count,
    /// 16-byte hashes), and a CRC-32 of everything before it.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var output = new ChecksummedWriter(stream);
        Span<byte> header = stackalloc byte[4 + 1 + 8 + 8 + 4];
        Magic.CopyTo(header);
        header[4] = FormatVersion;
        BinaryPrimitives.WriteInt64LittleEndian(header[5..], _windowMs);
        BinaryPrimitives.WriteInt64LittleEndian(header[13..], _widthMs);
        BinaryPrimitives.WriteInt32LittleEndian(header[21..], _buckets.Count);
        output.Write(header);
        Span<byte> entry = stackalloc byte[16];
        foreach (var bucket in _buckets)
        {
            BinaryPrimitives.WriteInt64LittleEndian(entry, bucket.Index);
            BinaryPrimitives.WriteInt64LittleEndian(entry[8..], bucket.Ids.Count);
            output.Write(entry);
            foreach (var cell in bucket.Ids.Cells)
            {
                if (cell != UInt128.Zero)
                {
                    BinaryPrimitives.WriteUInt128LittleEndian(entry, cell);
                    output.Write(entry);
                }
            }
        }

        output.Finish();
    }

    /// <summary>
    /// Reads what <see cref="Save"/> wrote. With another bucket width than the saved one, buckets are
    /// re-bucketed by their start time (an id may then expire up to one bucket width early).
    /// </summary>
    /// <exception cref="InvalidDataException">Not a dedup image, an unknown version, or a checksum mismatch.</exception>
    public static DedupIndex Load(Stream stream, DedupOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var index = new DedupIndex(options);
        var input = new ChecksummedReader(stream);
        Span<byte> header = stackalloc byte[4 + 1 + 8 + 8 + 4];
        input.Read(header);
        if (!header[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a dedup index image (bad magic).");
        }

        if (header[4] != FormatVersion)
        {
            throw new InvalidDataException($"Unknown dedup index version {header[4]}.");
        }

        var savedWidth = BinaryPrimitives.ReadInt64LittleEndian(header[13..]);
        var bucketCount = BinaryPrimitives.ReadInt32LittleEndian(header[21..]);
        if (savedWidth <= 0 || bucketCount < 0)
        {
            throw new InvalidDataException("Dedup index header out of range.");
        }

        Span<byte> entry = stackalloc byte[16];
        var chunk = new byte[64 * 1024];
        var previous = long.MinValue;
        for (var b = 0; b < bucketCount; b++)
        {
            input.Read(entry);
            var savedIndex = BinaryPrimitives.ReadInt64LittleEndian(entry);
            var count = BinaryPrimitives.ReadInt64LittleEndian(entry[8..]);
            if (savedIndex <= previous || count < 0 || count > int.MaxValue)
            {
                throw new InvalidDataException($"Dedup index bucket {b} out of range.");
            }

            previous = savedIndex;
            var target = index._widthMs == savedWidth
                ? index.AppendBucket(savedIndex, (int)count)
                : index.BucketFor(FloorDiv(checked(savedIndex * savedWidth), index._widthMs));
            for (var left = count; left > 0;)
            {
                var n = (int)Math.Min(left, chunk.Length / 16);
                var bytes = chunk.AsSpan(0, n * 16);
                input.Read(bytes);
                for (var i = 0; i < n; i++)
                {
                    target.Ids.Add(BinaryPrimitives.ReadUInt128LittleEndian(bytes.Slice(i * 16, 16)));
                }

                left -= n;
            }
        }

        input.VerifyEnd();
        return index;
    }

    /// <summary>Loads with default options.</summary>
    public static DedupIndex Load(Stream stream) => Load(stream, new DedupOptions());

    internal static UInt128 HashOf(string tenant, string eventId)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(eventId);
        var count = Encoding.UTF8.GetByteCount(tenant) + 1 + Encoding.UTF8.GetByteCount(eventId);
        byte[]? rented = null;
        var buffer = count <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(count));
        var n = Encoding.UTF8.GetBytes(tenant, buffer);
        buffer[n] = 0;
        n += 1 + Encoding.UTF8.GetBytes(eventId, buffer[(n + 1)..]);
        var hash = XxHash128.HashToUInt128(buffer[..n]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return hash;
    }

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }

    /// <summary>Bucket b is alive at now iff (b+1)·w &gt; now − window, i.e. b ≥ ⌊(now − window)/w⌋.</summary>
    private long FirstAliveIndex(long nowMs) => FloorDiv(nowMs - _windowMs, _widthMs);

    private bool ContainsAlive(UInt128 hash, long nowMs)
    {
        var firstAlive = FirstAliveIndex(nowMs);
        for (var i = _buckets.Count - 1; i >= 0 && _buckets[i].Index >= firstAlive; i--)
        {
            if (_buckets[i].Ids.Contains(hash))
            {
                return true;
            }
        }

        return false;
    }

    private int Find(long index)
    {
        for (var i = _buckets.Count - 1; i >= 0; i--)
        {
            if (_buckets[i].Index == index)
            {
                return i;
            }

            if (_buckets[i].Index < index)
            {
                break;
            }
        }

        return -1;
    }

    private DedupBucket BucketFor(long index)
    {
        // Newest first: nearly every event lands in the last bucket.
        var i = _buckets.Count - 1;
        while (i >= 0 && _buckets[i].Index > index)
        {
            i--;
        }

        if (i >= 0 && _buckets[i].Index == index)
        {
            return _buckets[i];
        }

        var bucket = new DedupBucket(index, new UInt128Set());
        _buckets.Insert(i + 1, bucket);
        return bucket;
    }

    private DedupBucket AppendBucket(long index, int capacity)
    {
        var bucket = new DedupBucket(index, new UInt128Set(capacity));
        _buckets.Add(bucket);
        return bucket;
    }
}
