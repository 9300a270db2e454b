using System.Buffers.Binary;
using LiveProfile.Storage.Log;

namespace LiveProfile.Storage.Tests.Log;

/// <summary>Writes small logs and damages their segment files for the recovery tests.</summary>
internal static class LogFiles
{
    public const string FirstSegment = "log-00000000000000000001.seg";

    /// <summary>A log of events 1..<paramref name="count"/>, appended in batches of <paramref name="batchSize"/>.</summary>
    public static TempDirectory WriteLog(int count, long segmentBytes = EventLogOptions.DefaultSegmentBytes, int batchSize = 1)
    {
        var dir = new TempDirectory();
        using var log = EventLog.Open(dir.Path, new EventLogOptions { SegmentBytes = segmentBytes });
        foreach (int[] batch in Enumerable.Range(1, count).Chunk(batchSize))
        {
            log.Append([.. batch.Select(EventLogTests.Event)]);
        }

        return dir;
    }

    public static string[] SegmentFiles(TempDirectory dir) =>
        [.. Directory.EnumerateFiles(dir.Path, "log-*.seg").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    /// <summary>Start offsets of the records of an intact segment, from their length fields.</summary>
    public static long[] RecordOffsets(byte[] segment)
    {
        var offsets = new List<long>();
        long at = 0;
        while (at < segment.Length)
        {
            offsets.Add(at);
            at += RecordFormat.HeaderBytes + BinaryPrimitives.ReadUInt32LittleEndian(segment.AsSpan((int)at));
        }

        return [.. offsets];
    }

    /// <summary>Rewrites the LSN field of the record at <paramref name="offset"/> with a correct CRC: intact, but changed.</summary>
    public static void Reframe(byte[] segment, long offset, long lsn, bool endOfBatch)
    {
        int length = RecordFormat.HeaderBytes + (int)BinaryPrimitives.ReadUInt32LittleEndian(segment.AsSpan((int)offset));
        RecordFormat.WriteHeader(segment.AsSpan((int)offset, length), lsn, endOfBatch);
    }

    public static void FlipByte(string path, long offset, byte mask = 0x5A)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Position = offset;
        int value = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(value ^ mask));
    }
}
