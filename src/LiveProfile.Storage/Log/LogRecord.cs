namespace LiveProfile.Storage.Log;

/// <summary>
/// One raw record of <see cref="EventLog.ReadRawFrom"/>: its LSN and its verified payload (the
/// <see cref="EventCodec"/> bytes). <see cref="Payload"/> points into a reused read buffer and is valid
/// only until the enumerator moves on; copy it to keep it.
/// </summary>
public readonly struct LogRecord
{
    internal LogRecord(long lsn, ReadOnlyMemory<byte> payload, string segmentName, long offset)
    {
        Lsn = lsn;
        Payload = payload;
        SegmentName = segmentName;
        Offset = offset;
    }

    public long Lsn { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    internal string SegmentName { get; }

    internal long Offset { get; }
}
