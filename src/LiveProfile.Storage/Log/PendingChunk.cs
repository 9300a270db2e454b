namespace LiveProfile.Storage.Log;

/// <summary>
/// Framed records appended but not yet handed to the file: a contiguous run of one segment, written
/// with a single pwrite by the flusher. Owned by the append side until the flusher takes the list.
/// </summary>
internal sealed class PendingChunk
{
    private byte[] _buffer;

    public PendingChunk(int capacity) => _buffer = new byte[capacity];

    /// <summary>The segment (by its first LSN) these records belong to.</summary>
    public long SegmentFirstLsn { get; private set; }

    public int Length { get; private set; }

    public int Capacity => _buffer.Length;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public void Reset(long segmentFirstLsn)
    {
        SegmentFirstLsn = segmentFirstLsn;
        Length = 0;
    }

    /// <summary>
    /// Frames <paramref name="payload"/> as record <paramref name="lsn"/> at the end of the chunk;
    /// <paramref name="endOfBatch"/> marks the last record of an append batch.
    /// </summary>
    public void AppendRecord(long lsn, ReadOnlySpan<byte> payload, bool endOfBatch)
    {
        int recordBytes = RecordFormat.HeaderBytes + payload.Length;
        if (_buffer.Length - Length < recordBytes)
        {
            int capacity = Math.Max(_buffer.Length * 2, Length + recordBytes);
            Array.Resize(ref _buffer, capacity);
        }

        Span<byte> record = _buffer.AsSpan(Length, recordBytes);
        payload.CopyTo(record[RecordFormat.HeaderBytes..]);
        RecordFormat.WriteHeader(record, lsn, endOfBatch);
        Length += recordBytes;
    }
}
