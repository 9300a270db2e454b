using System.Globalization;
using LiveProfile.Engine.Contract;
using LiveProfile.Storage.Log;
using Microsoft.Extensions.Logging;

namespace LiveProfile.Storage.Tests.Log;

public sealed class EventLogRecoveryTests
{
    private const string FirstSegment = LogFiles.FirstSegment;

    [Fact]
    public void Open_TornSingleRecordBatchAtEveryOffset_CutsBackAndAppendingContinues()
    {
        using TempDirectory original = LogFiles.WriteLog(count: 5); // five one-record batches
        string segment = original.Combine(FirstSegment);
        long[] offsets = LogFiles.RecordOffsets(File.ReadAllBytes(segment));
        long lastStart = offsets[4];
        long fileLength = new FileInfo(segment).Length;

        for (long cut = lastStart; cut < fileLength; cut++)
        {
            using TempDirectory copy = original.Copy();
            using (var stream = new FileStream(copy.Combine(FirstSegment), FileMode.Open))
            {
                stream.SetLength(cut);
            }

            var logger = new ListLogger();
            using (var log = EventLog.Open(copy.Path, new EventLogOptions(), logger))
            {
                Assert.Equal(4, log.LastLsn);
                Assert.Equal(4, log.DurableLsn);
                if (cut > lastStart)
                {
                    var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
                    Assert.Contains($"cut {cut - lastStart} bytes", warning.Message, StringComparison.Ordinal);
                    Assert.Contains("0 whole record(s)", warning.Message, StringComparison.Ordinal);
                    Assert.Contains(FirstSegment, warning.Message, StringComparison.Ordinal);
                }
                else
                {
                    Assert.DoesNotContain(logger.Entries, e => e.Level == LogLevel.Warning);
                }

                Assert.Equal(lastStart, new FileInfo(copy.Combine(FirstSegment)).Length);
                Assert.Equal(5, log.Append([EventLogTests.Event(500)]));
            }

            using var reopened = EventLog.Open(copy.Path, new EventLogOptions());
            var replay = reopened.ReadFrom(1).ToList();
            Assert.Equal([1L, 2, 3, 4, 5], replay.Select(r => r.Lsn));
            Assert.Equal("evt-000500", replay[4].Event.Id);
        }
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0xFF)]
    public void Open_LastRecordOverwrittenWithGarbage_IsCutAsTornTail(byte fill)
    {
        using TempDirectory dir = LogFiles.WriteLog(count: 5);
        string segment = dir.Combine(FirstSegment);
        byte[] bytes = File.ReadAllBytes(segment);
        long lastStart = LogFiles.RecordOffsets(bytes)[4];
        bytes.AsSpan((int)lastStart + 20).Fill(fill);
        File.WriteAllBytes(segment, bytes);

        using var log = EventLog.Open(dir.Path, new EventLogOptions());

        Assert.Equal(4, log.LastLsn);
    }

    [Fact]
    public void Open_ZeroFilledExtensionAfterLastRecord_IsCut()
    {
        using TempDirectory dir = LogFiles.WriteLog(count: 5);
        string segment = dir.Combine(FirstSegment);
        long length = new FileInfo(segment).Length;
        using (var stream = new FileStream(segment, FileMode.Open))
        {
            stream.SetLength(length + 4096); // a crash after the size grew but before the data blocks landed
        }

        var logger = new ListLogger();
        using var log = EventLog.Open(dir.Path, new EventLogOptions(), logger);

        Assert.Equal(5, log.LastLsn);
        Assert.Equal(length, new FileInfo(segment).Length);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("4096 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_FlippedByteAnywhereInMiddleRecord_ThrowsNamingFileAndOffset()
    {
        using TempDirectory original = LogFiles.WriteLog(count: 10);
        byte[] bytes = File.ReadAllBytes(original.Combine(FirstSegment));
        long[] offsets = LogFiles.RecordOffsets(bytes);
        long start = offsets[4];
        long end = offsets[5];

        for (long at = start; at < end; at++)
        {
            using TempDirectory copy = original.Copy();
            LogFiles.FlipByte(copy.Combine(FirstSegment), at);

            var ex = Assert.Throws<LogCorruptedException>(() => EventLog.Open(copy.Path, new EventLogOptions()));

            Assert.Contains(FirstSegment, ex.Message, StringComparison.Ordinal);
            Assert.Contains("offset " + start.ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
            Assert.Equal(FirstSegment, ex.FileName);
            Assert.Equal(start, ex.Offset);
        }
    }

    [Fact]
    public void Open_FlippedByteInLastRecordPayloadOfNonLastSegment_FailsClosed()
    {
        using TempDirectory dir = LogFiles.WriteLog(count: 60, segmentBytes: 1024);
        string[] segments = LogFiles.SegmentFiles(dir);
        Assert.True(segments.Length >= 3);
        string victim = segments[1];
        byte[] bytes = File.ReadAllBytes(dir.Combine(victim));
        long lastStart = LogFiles.RecordOffsets(bytes)[^1];
        LogFiles.FlipByte(dir.Combine(victim), bytes.Length - 1); // last byte of the last record's payload

        var ex = Assert.Throws<LogCorruptedException>(() => EventLog.Open(dir.Path, new EventLogOptions()));

        Assert.Contains(victim, ex.Message, StringComparison.Ordinal);
        Assert.Contains("offset " + lastStart.ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TruncatedNonLastSegment_FailsClosed()
    {
        using TempDirectory dir = LogFiles.WriteLog(count: 60, segmentBytes: 1024);
        string victim = LogFiles.SegmentFiles(dir)[0];
        using (var stream = new FileStream(dir.Combine(victim), FileMode.Open))
        {
            stream.SetLength(stream.Length - 3);
        }

        var ex = Assert.Throws<LogCorruptedException>(() => EventLog.Open(dir.Path, new EventLogOptions()));

        Assert.Contains(victim, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SegmentMissingInTheMiddle_ThrowsLsnDiscontinuity()
    {
        using TempDirectory dir = LogFiles.WriteLog(count: 60, segmentBytes: 1024);
        string[] segments = LogFiles.SegmentFiles(dir);
        File.Delete(dir.Combine(segments[1]));

        var ex = Assert.Throws<LogCorruptedException>(() => EventLog.Open(dir.Path, new EventLogOptions()));

        Assert.Contains(segments[2], ex.Message, StringComparison.Ordinal);
        Assert.Contains("discontinuity", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RecordWithValidChecksumButWrongLsn_FailsClosed()
    {
        using TempDirectory dir = LogFiles.WriteLog(count: 3);
        string segment = dir.Combine(FirstSegment);
        byte[] bytes = File.ReadAllBytes(segment);
        long[] offsets = LogFiles.RecordOffsets(bytes);
        // Re-frame the last record as LSN 7, with a correct CRC: intact, but not the next LSN.
        LogFiles.Reframe(bytes, offsets[2], 7, endOfBatch: true);
        File.WriteAllBytes(segment, bytes);

        var ex = Assert.Throws<LogCorruptedException>(() => EventLog.Open(dir.Path, new EventLogOptions()));

        Assert.Contains("found LSN 7, expected 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TornFirstRecordOfNewestSegment_ContinuesAfterPreviousSegment()
    {
        using TempDirectory dir = LogFiles.WriteLog(count: 60, segmentBytes: 1024);
        string[] segments = LogFiles.SegmentFiles(dir);
        string newest = segments[^1];
        long newestFirst = long.Parse(newest.AsSpan(4, 20), CultureInfo.InvariantCulture);
        using (var stream = new FileStream(dir.Combine(newest), FileMode.Open))
        {
            stream.SetLength(LogFiles.RecordOffsets(File.ReadAllBytes(dir.Combine(newest))) is [_, var second, ..] ? second - 1 : 5);
        }

        using (var log = EventLog.Open(dir.Path, new EventLogOptions { SegmentBytes = 1024 }))
        {
            Assert.Equal(newestFirst, log.LastLsn + 1);
            Assert.Equal(newestFirst, log.Append([EventLogTests.Event(9999)]));
        }

        using var reopened = EventLog.Open(dir.Path, new EventLogOptions());
        Assert.Equal("evt-009999", reopened.ReadFrom(newestFirst).Single().Event.Id);
    }

    [Fact]
    public async Task ReadFrom_ByteFlippedInClosedSegment_ThrowsNamingFileAndOffset()
    {
        using var dir = new TempDirectory();
        await using var log = EventLog.Open(dir.Path, new EventLogOptions { SegmentBytes = 1024 });
        for (int i = 1; i <= 60; i++)
        {
            log.Append([EventLogTests.Event(i)]); // one-record batches, so the log rolls (never inside a batch)
        }

        await log.WaitDurableAsync(60);
        string victim = LogFiles.SegmentFiles(dir)[0];
        long[] offsets = LogFiles.RecordOffsets(File.ReadAllBytes(dir.Combine(victim)));
        LogFiles.FlipByte(dir.Combine(victim), offsets[2] + 30);

        var ex = Assert.Throws<LogCorruptedException>(() => log.ReadFrom(1).ToList());

        Assert.Contains(victim, ex.Message, StringComparison.Ordinal);
        Assert.Contains("offset " + offsets[2].ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, log.ReadFrom(1).Take(2).Count()); // records before the damage still replay
    }

    [Fact]
    public void Open_UnrelatedFilesInDirectory_AreIgnored()
    {
        using TempDirectory dir = LogFiles.WriteLog(count: 3);
        File.WriteAllText(dir.Combine("log-12.seg"), "not a segment");
        File.WriteAllText(dir.Combine("notes.txt"), "hello");
        var logger = new ListLogger();

        using var log = EventLog.Open(dir.Path, new EventLogOptions(), logger);

        Assert.Equal(3, log.LastLsn);
        Assert.Contains(logger.Entries, e => e.Message.Contains("log-12.seg", StringComparison.Ordinal));
    }
}
