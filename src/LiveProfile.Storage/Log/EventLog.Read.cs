using LiveProfile.Engine.Contract;
using Microsoft.Win32.SafeHandles;

namespace LiveProfile.Storage.Log;

public sealed partial class EventLog
{
    /// <summary>
    /// Replays the durable records with LSN ≥ <paramref name="fromLsn"/>, decoded, in LSN order. The
    /// range is fixed when this is called (up to <see cref="DurableLsn"/> then). Every record's CRC
    /// and LSN is verified; damage throws <see cref="LogCorruptedException"/> naming file and offset.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fromLsn"/> is before <see cref="FirstLsn"/> (deleted).</exception>
    public IEnumerable<(long Lsn, EventRecord Event)> ReadFrom(long fromLsn) => DecodeAll(PlanRead(fromLsn), fromLsn);

    /// <summary>
    /// As <see cref="ReadFrom"/> but yields the verified payload bytes without decoding them (for copying,
    /// shipping and benchmarks). Each <see cref="LogRecord.Payload"/> is valid until the next record.
    /// </summary>
    public IEnumerable<LogRecord> ReadRawFrom(long fromLsn) => ReadRecords(PlanRead(fromLsn), fromLsn);

    private List<SegmentRange> PlanRead(long fromLsn)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            long first = _segments[0].FirstLsn;
            long from = Math.Max(fromLsn, 1);
            if (from < first)
            {
                throw new ArgumentOutOfRangeException(nameof(fromLsn), fromLsn,
                    $"Records before LSN {first} have been deleted from the log.");
            }

            long bound = _durableLsn;
            var ranges = new List<SegmentRange>();
            for (int i = 0; i < _segments.Count; i++)
            {
                long segmentFirst = _segments[i].FirstLsn;
                long segmentLast = i + 1 < _segments.Count ? _segments[i + 1].FirstLsn - 1 : bound;
                segmentLast = Math.Min(segmentLast, bound);
                if (segmentFirst <= segmentLast && segmentLast >= from)
                {
                    ranges.Add(new SegmentRange(_segments[i].Path, segmentFirst, segmentLast));
                }
            }

            return ranges;
        }
    }

    private static IEnumerable<(long Lsn, EventRecord Event)> DecodeAll(List<SegmentRange> ranges, long fromLsn)
    {
        foreach (LogRecord record in ReadRecords(ranges, fromLsn))
        {
            EventRecord e;
            try
            {
                e = EventCodec.Read(record.Payload.Span);
            }
            catch (InvalidDataException ex)
            {
                throw new LogCorruptedException(record.SegmentName, record.Offset,
                    $"record LSN {record.Lsn} passed its CRC but does not decode: {ex.Message}", ex);
            }

            yield return (record.Lsn, e);
        }
    }

    private static IEnumerable<LogRecord> ReadRecords(List<SegmentRange> ranges, long fromLsn)
    {
        foreach (SegmentRange range in ranges)
        {
            string name = Path.GetFileName(range.Path);
            using SafeFileHandle handle = File.OpenHandle(range.Path, FileMode.Open, FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete);
            using var reader = new SegmentReader(handle, RandomAccess.GetLength(handle));
            for (long lsn = range.FirstLsn; lsn <= range.LastLsn; lsn++)
            {
                long offset = reader.Position;
                RecordStatus status = reader.Next(lsn, out long found, out _, out ReadOnlyMemory<byte> payload);
                if (status != RecordStatus.Ok)
                {
                    throw new LogCorruptedException(name, offset, SegmentReader.Describe(status, lsn, found));
                }

                if (lsn >= fromLsn)
                {
                    yield return new LogRecord(lsn, payload, name, offset);
                }
            }
        }
    }
}
