using System.Globalization;
using LiveProfile.Engine.Contract;
using LiveProfile.Storage.Log;
using Microsoft.Extensions.Logging;

namespace LiveProfile.Storage.Tests.Log;

/// <summary>An Append batch is atomic on disk: recovery keeps all of its records or none.</summary>
public sealed class EventLogBatchTests
{
    private const string FirstSegment = LogFiles.FirstSegment;

    [Fact]
    public void Open_BatchCutAtEveryOffset_RecoversExactlyTheEarlierBatches()
    {
        // Batches {1, 2} and {3} are whole; the batch {4, 5, 6} is then cut at every offset inside it.
        using var original = new TempDirectory();
        using (var log = EventLog.Open(original.Path, new EventLogOptions()))
        {
            log.Append([EventLogTests.Event(1), EventLogTests.Event(2)]);
            log.Append([EventLogTests.Event(3)]);
            log.Append([EventLogTests.Event(4), EventLogTests.Event(5), EventLogTests.Event(6)]);
        }

        string segment = original.Combine(FirstSegment);
        long[] offsets = LogFiles.RecordOffsets(File.ReadAllBytes(segment));
        long batchStart = offsets[3];
        long fileLength = new FileInfo(segment).Length;

        for (long cut = batchStart + 1; cut < fileLength; cut++)
        {
            using TempDirectory copy = original.Copy();
            using (var stream = new FileStream(copy.Combine(FirstSegment), FileMode.Open))
            {
                stream.SetLength(cut);
            }

            var logger = new ListLogger();
            using (var log = EventLog.Open(copy.Path, new EventLogOptions(), logger))
            {
                Assert.Equal(3, log.LastLsn);
                Assert.Equal(3, log.DurableLsn);
                Assert.Equal(batchStart, new FileInfo(copy.Combine(FirstSegment)).Length);
                int wholeRecords = offsets.Skip(4).Append(fileLength).Count(end => end <= cut);
                var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
                Assert.Contains($"cut {cut - batchStart} bytes", warning.Message, StringComparison.Ordinal);
                Assert.Contains($"{wholeRecords} whole record(s)", warning.Message, StringComparison.Ordinal);
                Assert.Contains("resumes after LSN 3", warning.Message, StringComparison.Ordinal);
                Assert.Equal(["evt-000001", "evt-000002", "evt-000003"], log.ReadFrom(1).Select(r => r.Event.Id));

                Assert.Equal(5, log.Append([EventLogTests.Event(700), EventLogTests.Event(701)]));
            }

            using var reopened = EventLog.Open(copy.Path, new EventLogOptions());
            var replay = reopened.ReadFrom(1).ToList();
            Assert.Equal([1L, 2, 3, 4, 5], replay.Select(r => r.Lsn));
            Assert.Equal(["evt-000001", "evt-000002", "evt-000003", "evt-000700", "evt-000701"], replay.Select(r => r.Event.Id));
        }
    }

    [Fact]
    public async Task ReadFrom_FlaggedRecords_YieldPlainLsns()
    {
        using var dir = new TempDirectory();
        int[] sizes = [3, 1, 2];
        await using (var log = EventLog.Open(dir.Path, new EventLogOptions()))
        {
            int n = 0;
            foreach (int size in sizes)
            {
                log.Append([.. Enumerable.Range(0, size).Select(_ => EventLogTests.Event(++n))]);
            }

            await log.WaitDurableAsync(6);
            Assert.Equal([1L, 2, 3, 4, 5, 6], log.ReadFrom(1).Select(r => r.Lsn));
            Assert.Equal([1L, 2, 3, 4, 5, 6], log.ReadRawFrom(1).Select(r => r.Lsn).ToList());
            Assert.Equal([4L, 5, 6], log.ReadFrom(4).Select(r => r.Lsn));
        }

        // On disk, exactly the last record of each batch carries the flag, over the plain LSN.
        byte[] bytes = File.ReadAllBytes(dir.Combine(FirstSegment));
        long[] offsets = LogFiles.RecordOffsets(bytes);
        var fields = offsets.Select(at => (Lsn: RecordFormat.ReadLsnField(bytes.AsSpan((int)at), out bool end), End: end)).ToList();
        Assert.Equal([1L, 2, 3, 4, 5, 6], fields.Select(f => f.Lsn));
        Assert.Equal([false, false, true, true, false, true], fields.Select(f => f.End));

        await using var reopened = EventLog.Open(dir.Path, new EventLogOptions());
        Assert.Equal(6, reopened.LastLsn);
        Assert.Equal([1L, 2, 3, 4, 5, 6], reopened.ReadFrom(1).Select(r => r.Lsn));
    }

    [Theory]
    [InlineData(4)] // LSN 5, inside a batch: setting the flag would make a torn batch look whole
    [InlineData(5)] // LSN 6, a batch end: clearing the flag would drop a whole batch
    public void Open_FlippedEndOfBatchBit_IsChecksumMismatch(int recordIndex)
    {
        using TempDirectory dir = LogFiles.WriteLog(count: 10, batchSize: 2);
        string segment = dir.Combine(FirstSegment);
        long start = LogFiles.RecordOffsets(File.ReadAllBytes(segment))[recordIndex];
        LogFiles.FlipByte(segment, start + RecordFormat.HeaderBytes - 1, 0x80); // top bit of the little-endian LSN field

        var ex = Assert.Throws<LogCorruptedException>(() => EventLog.Open(dir.Path, new EventLogOptions()));

        Assert.Contains("CRC-32C mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Equal(FirstSegment, ex.FileName);
        Assert.Equal(start, ex.Offset);
    }

    [Fact]
    public void Open_NonLastSegmentEndingInsideBatch_FailsClosed()
    {
        using TempDirectory dir = LogFiles.WriteLog(count: 60, segmentBytes: 1024);
        string[] segments = LogFiles.SegmentFiles(dir);
        Assert.True(segments.Length >= 3);
        string victim = segments[1];
        byte[] bytes = File.ReadAllBytes(dir.Combine(victim));
        long lastStart = LogFiles.RecordOffsets(bytes)[^1];
        long lastLsn = RecordFormat.ReadLsnField(bytes.AsSpan((int)lastStart), out _);
        LogFiles.Reframe(bytes, lastStart, lastLsn, endOfBatch: false); // intact, but its batch never ends
        File.WriteAllBytes(dir.Combine(victim), bytes);

        var ex = Assert.Throws<LogCorruptedException>(() => EventLog.Open(dir.Path, new EventLogOptions()));

        Assert.Equal(victim, ex.FileName);
        Assert.Equal(lastStart, ex.Offset);
        Assert.Contains("ends inside a batch", ex.Message, StringComparison.Ordinal);
        Assert.Contains(lastLsn.ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_SmallSegments_RollOnlyBetweenBatches()
    {
        using var dir = new TempDirectory();
        var batchStarts = new HashSet<long>();
        var batchEnds = new HashSet<long>();
        await using (var log = EventLog.Open(dir.Path, new EventLogOptions { SegmentBytes = 1024 }))
        {
            int n = 0;
            for (int i = 0; i < 60; i++)
            {
                List<EventRecord> batch = [.. Enumerable.Range(0, 1 + (i % 4)).Select(_ => EventLogTests.Event(++n))];
                long last = log.Append(batch);
                batchStarts.Add(last - batch.Count + 1);
                batchEnds.Add(last);
            }

            await log.WaitDurableAsync(log.LastLsn);
            Assert.True(log.SegmentCount > 5, $"only {log.SegmentCount} segments");
        }

        foreach (string name in LogFiles.SegmentFiles(dir))
        {
            byte[] bytes = File.ReadAllBytes(dir.Combine(name));
            long[] offsets = LogFiles.RecordOffsets(bytes);
            long first = RecordFormat.ReadLsnField(bytes.AsSpan((int)offsets[0]), out _);
            long last = RecordFormat.ReadLsnField(bytes.AsSpan((int)offsets[^1]), out bool endOfBatch);
            Assert.Contains(first, batchStarts);
            Assert.Contains(last, batchEnds);
            Assert.True(endOfBatch, $"{name} does not end with an end-of-batch record");
        }
    }

    [Fact]
    public async Task Append_BatchLargerThanSegment_StaysWholeInOneSegment()
    {
        using var dir = new TempDirectory();
        await using var log = EventLog.Open(dir.Path, new EventLogOptions { SegmentBytes = 512 });
        log.Append([EventLogTests.Event(0)]);
        log.Append([.. Enumerable.Range(1, 20).Select(EventLogTests.Event)]);
        log.Append([EventLogTests.Event(21)]);
        await log.WaitDurableAsync(22);

        Assert.Equal([1L, 2, 22], EventLogTests.SegmentFirstLsns(dir));
        Assert.Equal(22, log.ReadFrom(1).Count());
    }
}
