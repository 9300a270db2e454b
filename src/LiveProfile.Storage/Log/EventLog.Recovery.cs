using System.Buffers.Binary;
using LiveProfile.Storage.IO;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace LiveProfile.Storage.Log;

public sealed partial class EventLog
{
    private const string LockFileName = "log.lock";

    /// <summary>
    /// Opens (or creates) the log in <paramref name="directory"/> and recovers it: every segment is read
    /// in LSN order with every record's CRC, length and LSN checked. A torn tail of the last segment (a
    /// short or garbage end after which no intact record follows) is cut back to the last whole record,
    /// and then further back to the last end-of-batch record, so a batch a crash tore apart leaves no
    /// record behind; one warning says what was cut. Anything else (a bad record followed by intact
    /// ones, a bad record in an earlier segment, an earlier segment that does not end with an
    /// end-of-batch record, an LSN gap between segments) throws <see cref="LogCorruptedException"/>:
    /// never skipped.
    /// </summary>
    /// <exception cref="LogCorruptedException">The log is damaged beyond a torn tail.</exception>
    /// <exception cref="IOException">The directory is already open by another instance, or an I/O error.</exception>
    public static EventLog Open(string directory, EventLogOptions options, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        logger ??= NullLogger.Instance;

        string dir = Path.GetFullPath(directory);
        if (!Directory.Exists(dir))
        {
            Directory.CreateDirectory(dir);
            if (Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(dir)) is { Length: > 0 } parent)
            {
                DirectorySync.Fsync(parent);
            }
        }

        FileStream lockFile = AcquireLock(dir);
        SafeFileHandle? active = null;
        try
        {
            List<SegmentInfo> segments = ListSegments(dir, logger);
            long lastLsn;
            long activeLength;
            if (segments.Count == 0)
            {
                var first = new SegmentInfo(1, Path.Combine(dir, RecordFormat.SegmentFileName(1)));
                active = File.OpenHandle(first.Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
                DirectorySync.Fsync(dir);
                segments.Add(first);
                lastLsn = 0;
                activeLength = 0;
            }
            else
            {
                (active, activeLength, lastLsn) = Recover(segments, logger);
            }

            EventLogMessages.Opened(logger, segments.Count, segments[0].FirstLsn, lastLsn);
            return new EventLog(dir, options, logger, lockFile, segments, active, activeLength, lastLsn);
        }
        catch
        {
            active?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    private static FileStream AcquireLock(string dir)
    {
        string path = Path.Combine(dir, LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"The event log in '{dir}' is already open (its {LockFileName} is locked).", ex);
        }
    }

    private static List<SegmentInfo> ListSegments(string dir, ILogger logger)
    {
        var segments = new List<SegmentInfo>();
        foreach (string path in Directory.EnumerateFiles(dir, "log-*.seg"))
        {
            string name = Path.GetFileName(path);
            if (RecordFormat.TryParseSegmentFileName(name, out long firstLsn))
            {
                segments.Add(new SegmentInfo(firstLsn, path));
            }
            else
            {
                EventLogMessages.UnexpectedFile(logger, name);
            }
        }

        segments.Sort(static (a, b) => a.FirstLsn.CompareTo(b.FirstLsn));
        return segments;
    }

    /// <summary>Verifies every segment; returns the last segment's handle (open for writing), its valid length and the last LSN.</summary>
    private static (SafeFileHandle Active, long Length, long LastLsn) Recover(List<SegmentInfo> segments, ILogger logger)
    {
        long expected = segments[0].FirstLsn;
        for (int i = 0; i < segments.Count; i++)
        {
            SegmentInfo segment = segments[i];
            bool isLast = i == segments.Count - 1;
            if (segment.FirstLsn != expected)
            {
                throw new LogCorruptedException(segment.Name, 0,
                    $"LSN discontinuity between segments: this segment starts at LSN {segment.FirstLsn} but the previous one ends at {expected - 1}");
            }

            SafeFileHandle handle = File.OpenHandle(segment.Path, FileMode.Open,
                isLast ? FileAccess.ReadWrite : FileAccess.Read, FileShare.Read);
            try
            {
                (long next, long validLength) = ScanSegment(handle, segment, isLast, logger);
                if (!isLast && next == segment.FirstLsn)
                {
                    throw new LogCorruptedException(segment.Name, 0, "a segment other than the last holds no records");
                }

                expected = next;
                if (isLast)
                {
                    RandomAccess.FlushToDisk(handle); // whatever survived is durable from here on
                    return (handle, validLength, expected - 1);
                }
            }
            catch
            {
                handle.Dispose();
                throw;
            }

            handle.Dispose();
        }

        throw new InvalidOperationException("unreachable: the loop returns at the last segment");
    }

    /// <summary>
    /// Reads every record of one segment. Returns the LSN after its last whole batch and its valid
    /// length. The last segment is cut back to its last end-of-batch record (dropping a torn record and
    /// the whole records of an unfinished batch before it). Any other segment must end exactly with an
    /// end-of-batch record: segments roll only between batches, and a closed segment was fsynced whole.
    /// </summary>
    private static (long NextLsn, long ValidLength) ScanSegment(SafeFileHandle handle, SegmentInfo segment, bool isLast, ILogger logger)
    {
        long fileLength = RandomAccess.GetLength(handle);
        using var reader = new SegmentReader(handle, fileLength);
        long lsn = segment.FirstLsn;

        // Where the last whole batch ends: the offset and the LSN right after its end-of-batch record.
        long batchEndOffset = 0;
        long batchEndLsn = lsn;
        string? tornReason = null;
        while (true)
        {
            RecordStatus status = reader.Next(lsn, out long found, out bool endOfBatch, out _);
            if (status == RecordStatus.Ok)
            {
                lsn++;
                if (endOfBatch)
                {
                    batchEndOffset = reader.Position;
                    batchEndLsn = lsn;
                }

                continue;
            }

            if (status == RecordStatus.End)
            {
                break;
            }

            long offset = reader.Position;
            string reason = SegmentReader.Describe(status, lsn, found);
            if (!isLast)
            {
                throw new LogCorruptedException(segment.Name, offset, reason + " in a segment that is not the last");
            }

            if (status == RecordStatus.BadLsn)
            {
                throw new LogCorruptedException(segment.Name, offset, reason);
            }

            if (FindIntactRecordAfter(handle, offset, fileLength, lsn) is (long at, long atLsn))
            {
                throw new LogCorruptedException(segment.Name, offset,
                    $"{reason}; an intact record (LSN {atLsn}) follows at offset {at}, so this is not a torn tail");
            }

            tornReason = $"a torn record ({reason})";
            break;
        }

        if (batchEndOffset == fileLength)
        {
            return (lsn, fileLength);
        }

        if (!isLast)
        {
            throw new LogCorruptedException(segment.Name, batchEndOffset,
                $"the segment ends inside a batch (records from LSN {batchEndLsn} on have no end-of-batch record), but segments roll only between batches");
        }

        // Nothing after the last end-of-batch record was ever acknowledged: a batch is durable (and its
        // waiters released) only once all of it, flagged record included, has been written and fsynced.
        long cutBytes = fileLength - batchEndOffset;
        RandomAccess.SetLength(handle, batchEndOffset);
        RandomAccess.FlushToDisk(handle);
        EventLogMessages.UnfinishedBatchTruncated(logger, cutBytes, segment.Name, batchEndOffset, lsn - batchEndLsn,
            tornReason ?? "no end-of-batch record", batchEndLsn - 1);
        return (batchEndLsn, batchEndOffset);
    }

    /// <summary>
    /// Looks for any intact record after a bad one at <paramref name="badOffset"/>, at every byte
    /// offset: a plausible length, an LSN in the range the rest of the file could hold, and a matching
    /// CRC. Finding one means the damage is in the middle of the log, not a torn tail.
    /// </summary>
    private static (long Offset, long Lsn)? FindIntactRecordAfter(SafeFileHandle handle, long badOffset, long fileLength, long expectedLsn)
    {
        long tailLength = fileLength - badOffset;
        if (tailLength < 1 + RecordFormat.MinRecordBytes)
        {
            return null;
        }

        byte[] tail = GC.AllocateUninitializedArray<byte>(checked((int)tailLength));
        int filled = 0;
        while (filled < tail.Length)
        {
            int read = RandomAccess.Read(handle, tail.AsSpan(filled), badOffset + filled);
            if (read <= 0)
            {
                break;
            }

            filled += read;
        }

        long maxLsn = expectedLsn + (tailLength / RecordFormat.MinRecordBytes) + 1;
        for (int at = 1; at + RecordFormat.MinRecordBytes <= filled; at++)
        {
            ReadOnlySpan<byte> header = tail.AsSpan(at, RecordFormat.HeaderBytes);
            long lsn = RecordFormat.ReadLsnField(header, out _);
            if (lsn < expectedLsn || lsn > maxLsn)
            {
                continue;
            }

            uint length = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (length == 0 || length > RecordFormat.MaxPayloadBytes || at + RecordFormat.HeaderBytes + (long)length > filled)
            {
                continue;
            }

            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            if (Crc32C.Compute(tail.AsSpan(at + 8, 8 + (int)length)) == crc)
            {
                return (badOffset + at, lsn);
            }
        }

        return null;
    }
}
