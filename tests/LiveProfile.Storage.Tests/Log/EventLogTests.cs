using System.Collections.Concurrent;
using CsCheck;
using LiveProfile.Engine.Contract;
using LiveProfile.Storage.Log;

namespace LiveProfile.Storage.Tests.Log;

public sealed class EventLogTests
{
    private static readonly EventType[] Types = [.. EventTypes.All];

    [Fact]
    public async Task Append_ThenReopen_ReadsSameEventsAndLsns()
    {
        using var dir = new TempDirectory();
        List<EventRecord> events = [.. Enumerable.Range(1, 50).Select(i => Event(i))];

        await using (var log = EventLog.Open(dir.Path, new EventLogOptions()))
        {
            Assert.Equal(0, log.LastLsn);
            Assert.Equal(10, log.Append(events[..10]));
            Assert.Equal(11, log.Append(events[10..11]));
            long last = log.Append(events[11..]);
            Assert.Equal(50, last);
            await log.WaitDurableAsync(last);
            Assert.Equal(50, log.DurableLsn);
            AssertLog(events, log.ReadFrom(1));
        }

        await using (var reopened = EventLog.Open(dir.Path, new EventLogOptions()))
        {
            Assert.Equal(50, reopened.LastLsn);
            Assert.Equal(50, reopened.DurableLsn);
            AssertLog(events, reopened.ReadFrom(1));
            AssertLog(events[29..], reopened.ReadFrom(30), firstLsn: 30);
            Assert.Empty(reopened.ReadFrom(51));
            Assert.Equal(51, reopened.Append([Event(51)]));
        }
    }

    [Fact]
    public void Append_GeneratedEvents_ReplayExactly()
    {
        EventGenerators.Event.List[1, 40].Sample(events =>
        {
            using var dir = new TempDirectory();
            using (var log = EventLog.Open(dir.Path, new EventLogOptions { SegmentBytes = 2048 }))
            {
                log.Append(events);
            }

            using var reopened = EventLog.Open(dir.Path, new EventLogOptions());
            var replay = reopened.ReadFrom(1).ToList();
            Assert.Equal(events.Count, replay.Count);
            for (int i = 0; i < events.Count; i++)
            {
                Assert.Equal(i + 1, replay[i].Lsn);
                DeepAssert.Equal(events[i], replay[i].Event);
            }
        }, iter: 60);
    }

    [Fact]
    public async Task Append_ConcurrentTasks_AllDurableWithDistinctConsecutiveLsns()
    {
        using var dir = new TempDirectory();
        const int tasks = 16;
        const int appendsPerTask = 150;
        var assigned = new ConcurrentBag<(long Last, List<EventRecord> Batch)>();

        await using (var log = EventLog.Open(dir.Path, new EventLogOptions { SegmentBytes = 64 * 1024 }))
        {
            await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(async () =>
            {
                for (int i = 0; i < appendsPerTask; i++)
                {
                    int size = 1 + (i % 3);
                    List<EventRecord> batch = [.. Enumerable.Range(0, size).Select(k => Event((t * 10_000) + (i * 10) + k))];
                    long last = log.Append(batch);
                    await log.WaitDurableAsync(last);
                    Assert.True(log.DurableLsn >= last);
                    assigned.Add((last, batch));
                }
            })));

            long total = assigned.Sum(a => a.Batch.Count);
            Assert.Equal(total, log.LastLsn);
            Assert.Equal(total, log.DurableLsn);
            Assert.True(log.FsyncCount < tasks * appendsPerTask, $"{log.FsyncCount} fsyncs for {tasks * appendsPerTask} appends");
            Assert.True(log.SegmentCount > 1);
        }

        // Every LSN from 1 to the total belongs to exactly one batch, in batch order.
        var expected = new SortedDictionary<long, string>();
        foreach ((long last, List<EventRecord> batch) in assigned)
        {
            for (int k = 0; k < batch.Count; k++)
            {
                Assert.True(expected.TryAdd(last - batch.Count + 1 + k, batch[k].Id), "two batches got the same LSN");
            }
        }

        await using var reopened = EventLog.Open(dir.Path, new EventLogOptions());
        var replay = reopened.ReadFrom(1).ToList();
        Assert.Equal(expected.Count, replay.Count);
        Assert.Equal(Enumerable.Range(1, expected.Count).Select(i => (long)i), expected.Keys);
        foreach ((long lsn, EventRecord e) in replay)
        {
            Assert.Equal(expected[lsn], e.Id);
        }
    }

    [Fact]
    public async Task WaitDurableAsync_AppendsDuringOneFsync_ShareTheNextFsync()
    {
        using var dir = new TempDirectory();
        using var inFsync = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        int fsyncs = 0;
        var options = new EventLogOptions
        {
            FaultInjection = op =>
            {
                if (op == "fsync" && Interlocked.Increment(ref fsyncs) == 1)
                {
                    inFsync.Set();
                    release.Wait();
                }
            },
        };

        await using var log = EventLog.Open(dir.Path, options);
        long first = log.Append([Event(0)]);
        Task firstDurable = log.WaitDurableAsync(first).AsTask();
        Assert.True(inFsync.Wait(TimeSpan.FromSeconds(10)));

        var waits = new List<Task>();
        for (int i = 1; i <= 99; i++)
        {
            long lsn = log.Append([Event(i)]);
            waits.Add(log.WaitDurableAsync(lsn).AsTask());
        }

        Assert.False(firstDurable.IsCompleted);
        Assert.All(waits, w => Assert.False(w.IsCompleted));
        release.Set();
        await firstDurable;
        await Task.WhenAll(waits);

        Assert.Equal(100, log.DurableLsn);
        Assert.Equal(2, log.FsyncCount);
    }

    [Fact]
    public async Task WaitDurableAsync_AlreadyDurable_CompletesSynchronously()
    {
        using var dir = new TempDirectory();
        await using var log = EventLog.Open(dir.Path, new EventLogOptions());
        long lsn = log.Append([Event(1)]);
        await log.WaitDurableAsync(lsn);

        Assert.True(log.WaitDurableAsync(lsn).AsTask().IsCompletedSuccessfully);
        Assert.True(log.WaitDurableAsync(0).AsTask().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitDurableAsync_LsnNotAppended_Throws()
    {
        using var dir = new TempDirectory();
        await using var log = EventLog.Open(dir.Path, new EventLogOptions());
        log.Append([Event(1)]);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await log.WaitDurableAsync(5));
    }

    [Fact]
    public async Task WaitDurableAsync_Canceled_ThrowsOperationCanceled()
    {
        using var dir = new TempDirectory();
        using var release = new ManualResetEventSlim();
        var options = new EventLogOptions { FaultInjection = op => release.Wait(TimeSpan.FromSeconds(10)) };
        await using var log = EventLog.Open(dir.Path, options);
        long lsn = log.Append([Event(1)]);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await log.WaitDurableAsync(lsn, cts.Token));
        release.Set();
        await log.WaitDurableAsync(lsn);
    }

    [Theory]
    [InlineData("write")]
    [InlineData("fsync")]
    public async Task WaitDurableAsync_WriteOrFsyncFails_LogFailsStop(string failingCall)
    {
        using var dir = new TempDirectory();
        bool fail = false;
        var options = new EventLogOptions
        {
            FaultInjection = op =>
            {
                if (Volatile.Read(ref fail) && op == failingCall)
                {
                    throw new IOException("injected " + op + " failure");
                }
            },
        };
        var logger = new ListLogger();

        await using (var log = EventLog.Open(dir.Path, options, logger))
        {
            long ok = log.Append([Event(1)]);
            await log.WaitDurableAsync(ok);
            Volatile.Write(ref fail, true);

            long doomed = log.Append([Event(2)]);
            var ex = await Assert.ThrowsAsync<LogFailedException>(async () => await log.WaitDurableAsync(doomed));
            Assert.IsType<IOException>(ex.InnerException);
            Assert.Throws<LogFailedException>(() => log.Append([Event(3)]));
            await Assert.ThrowsAsync<LogFailedException>(async () => await log.WaitDurableAsync(doomed));
            await log.WaitDurableAsync(ok); // what was durable stays durable
            Assert.Equal(1, log.DurableLsn);
            Assert.Contains(logger.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical);
        }

        await using var reopened = EventLog.Open(dir.Path, new EventLogOptions());
        Assert.True(reopened.LastLsn >= 1);
        Assert.Equal("evt-000001", reopened.ReadFrom(1).First().Event.Id);
    }

    [Fact]
    public async Task Append_BatchWithRawEvent_ThrowsAndAppendsNothing()
    {
        using var dir = new TempDirectory();
        await using var log = EventLog.Open(dir.Path, new EventLogOptions());
        EventRecord leaky = Event(2);
        leaky.Raw = new RawIdentity { AccountId = "alice" };

        Assert.Throws<InvalidOperationException>(() => log.Append([Event(1), leaky]));

        Assert.Equal(0, log.LastLsn);
        Assert.Equal(1, log.Append([Event(3)]));
        await log.WaitDurableAsync(1);
        Assert.Equal("evt-000003", Assert.Single(log.ReadFrom(1)).Event.Id);
    }

    [Fact]
    public async Task Append_SmallSegments_RollsAndReadFromSpansSegments()
    {
        using var dir = new TempDirectory();
        List<EventRecord> events = [.. Enumerable.Range(1, 300).Select(i => Event(i))];
        const int segmentBytes = 1024;

        await using (var log = EventLog.Open(dir.Path, new EventLogOptions { SegmentBytes = segmentBytes }))
        {
            // Batches small enough to fit a segment: a batch is never split, so a bigger one would
            // get a segment to itself, larger than SegmentBytes.
            for (int i = 0; i < events.Count; i += 3)
            {
                log.Append(events[i..Math.Min(i + 3, events.Count)]);
            }

            await log.WaitDurableAsync(log.LastLsn);
            Assert.True(log.SegmentCount > 5, $"only {log.SegmentCount} segments");
            AssertLog(events, log.ReadFrom(1));
            AssertLog(events[136..], log.ReadFrom(137), firstLsn: 137);
            Assert.Equal(log.BytesWritten, Directory.EnumerateFiles(dir.Path, "*.seg").Sum(f => new FileInfo(f).Length));
        }

        string[] files = [.. Directory.EnumerateFiles(dir.Path, "*.seg").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal("log-00000000000000000001.seg", files[0]);
        foreach (string file in files)
        {
            Assert.InRange(new FileInfo(dir.Combine(file)).Length, 1, segmentBytes);
        }

        await using var reopened = EventLog.Open(dir.Path, new EventLogOptions { SegmentBytes = segmentBytes });
        AssertLog(events, reopened.ReadFrom(1));
        Assert.Equal(301, reopened.Append([Event(301)]));
    }

    [Fact]
    public async Task Append_RecordLargerThanSegment_GetsItsOwnSegment()
    {
        using var dir = new TempDirectory();
        await using var log = EventLog.Open(dir.Path, new EventLogOptions { SegmentBytes = 256 });
        EventRecord big = Event(1);
        big.Props.Text = new string('長', 2000);

        // Separate batches: the log rolls only between batches.
        log.Append([Event(0)]);
        log.Append([big]);
        log.Append([Event(2)]);
        await log.WaitDurableAsync(3);

        Assert.Equal(3, log.SegmentCount);
        Assert.Equal(3, log.ReadFrom(1).Count());
    }

    [Fact]
    public async Task DeleteSegmentsBefore_Lsn_RemovesOnlyWholeOlderSegments()
    {
        using var dir = new TempDirectory();
        List<EventRecord> events = [.. Enumerable.Range(1, 200).Select(i => Event(i))];
        await using (var log = EventLog.Open(dir.Path, new EventLogOptions { SegmentBytes = 1024 }))
        {
            foreach (EventRecord e in events)
            {
                log.Append([e]); // one-record batches, so the log rolls (never inside a batch)
            }

            await log.WaitDurableAsync(200);
            long[] firsts = SegmentFirstLsns(dir);
            long cutoff = firsts[3] + 2; // inside the fourth segment

            int deleted = log.DeleteSegmentsBefore(cutoff);

            Assert.Equal(3, deleted);
            Assert.Equal(firsts[3..], SegmentFirstLsns(dir));
            Assert.Equal(firsts[3], log.FirstLsn);
            AssertLog(events[(int)(firsts[3] - 1)..], log.ReadFrom(firsts[3]), firstLsn: firsts[3]);
            Assert.Throws<ArgumentOutOfRangeException>(() => log.ReadFrom(1));

            log.DeleteSegmentsBefore(long.MaxValue);
            Assert.Equal(1, log.SegmentCount); // the active segment stays
            Assert.Equal(201, log.Append([Event(201)]));
            await log.WaitDurableAsync(201);
        }

        await using var reopened = EventLog.Open(dir.Path, new EventLogOptions());
        Assert.Equal(201, reopened.LastLsn);
        Assert.Equal(201, reopened.ReadFrom(reopened.FirstLsn).Last().Lsn);
    }

    [Fact]
    public async Task ReadFrom_WhileAppending_YieldsOnlyDurableRecords()
    {
        using var dir = new TempDirectory();
        await using var log = EventLog.Open(dir.Path, new EventLogOptions { SegmentBytes = 4096 });
        using var stop = new CancellationTokenSource();
        Task writer = Task.Run(async () =>
        {
            int i = 0;
            while (!stop.IsCancellationRequested)
            {
                long lsn = log.Append([Event(++i), Event(++i)]);
                await log.WaitDurableAsync(lsn);
            }
        });

        for (int round = 0; round < 20; round++)
        {
            long durable = log.DurableLsn;
            long count = 0;
            foreach ((long lsn, EventRecord e) in log.ReadFrom(1))
            {
                Assert.Equal(++count, lsn);
                Assert.Equal($"evt-{lsn:D6}", e.Id);
            }

            Assert.True(count >= durable);
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await writer;
    }

    [Fact]
    public async Task Dispose_PendingAppends_AreFlushed()
    {
        using var dir = new TempDirectory();
        using (var log = EventLog.Open(dir.Path, new EventLogOptions { FlushDelay = TimeSpan.FromMilliseconds(50) }))
        {
            for (int i = 1; i <= 20; i++)
            {
                log.Append([Event(i)]);
            }
        }

        await using var reopened = EventLog.Open(dir.Path, new EventLogOptions());
        Assert.Equal(20, reopened.LastLsn);
        Assert.Throws<ObjectDisposedException>(() => DisposedLog(dir).Append([Event(1)]));
    }

    [Fact]
    public async Task Open_SameDirectoryTwice_ThrowsIOException()
    {
        using var dir = new TempDirectory();
        await using var log = EventLog.Open(dir.Path, new EventLogOptions());

        var ex = Assert.Throws<IOException>(() => EventLog.Open(dir.Path, new EventLogOptions()));

        Assert.Contains("already open", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_InvalidOptions_Throws()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentOutOfRangeException>(() => EventLog.Open(dir.Path, new EventLogOptions { SegmentBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => EventLog.Open(dir.Path, new EventLogOptions { FlushDelay = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public void Open_MissingDirectory_CreatesIt()
    {
        using var dir = new TempDirectory();
        string nested = dir.Combine("a/b");
        using var log = EventLog.Open(nested, new EventLogOptions());
        Assert.True(File.Exists(Path.Combine(nested, "log-00000000000000000001.seg")));
    }

    internal static EventRecord Event(int n)
    {
        EventRecord e = EventGenerators.Sample(Types[Math.Abs(n) % Types.Length], n);
        e.Id = $"evt-{n:D6}";
        return e;
    }

    internal static long[] SegmentFirstLsns(TempDirectory dir) =>
        [.. Directory.EnumerateFiles(dir.Path, "log-*.seg")
            .Select(f => long.Parse(Path.GetFileName(f).AsSpan(4, 20), System.Globalization.CultureInfo.InvariantCulture))
            .Order()];

    private static EventLog DisposedLog(TempDirectory dir)
    {
        var log = EventLog.Open(dir.Combine("other"), new EventLogOptions());
        log.Dispose();
        return log;
    }

    private static void AssertLog(List<EventRecord> expected, IEnumerable<(long Lsn, EventRecord Event)> actual, long firstLsn = 1)
    {
        var list = actual.ToList();
        Assert.Equal(expected.Count, list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            Assert.Equal(firstLsn + i, list[i].Lsn);
            DeepAssert.Equal(expected[i], list[i].Event);
        }
    }
}
