using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Partitioning;

/// <summary>
/// The dispatcher's pipelining: hand-offs overlap (a partition done with one starts on the next while another partition
/// still works), yet each partition gets its batches one at a time and in log order, at most two hand-offs are out, and
/// <see cref="EngineDispatcher.AppliedLsn"/> only counts what every partition has applied.
/// </summary>
public sealed class DispatcherPipelineTests
{
    private const int Partitions = 2;

    /// <summary>A host whose applies finish when the test releases them; it fails a second apply to a busy partition.</summary>
    private sealed class HeldHost : IPartitionHost
    {
        private readonly Lock _lock = new();
        private readonly bool[] _busy = new bool[DispatcherPipelineTests.Partitions];
        private readonly List<(int Partition, long[] Lsns, TaskCompletionSource Release)> _calls = [];

        public int Partitions => DispatcherPipelineTests.Partitions;

        public int Overlapping { get; private set; }

        public Task ApplyAsync(int partition, IReadOnlyList<PartitionCommand> batch, long watermarkMs)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                if (_busy[partition]) Overlapping++;
                _busy[partition] = true;
                _calls.Add((partition, [.. batch.Select(c => c.Lsn)], release));
            }
            // The partition is free again before the dispatcher sees its apply complete.
            return release.Task.ContinueWith(_ =>
            {
                lock (_lock) _busy[partition] = false;
            }, TaskContinuationOptions.ExecuteSynchronously);
        }

        public List<(int Partition, long[] Lsns)> Calls()
        {
            lock (_lock) return [.. _calls.Select(c => (c.Partition, c.Lsns))];
        }

        /// <summary>Lets the oldest apply still held on <paramref name="partition"/> finish.</summary>
        public void Release(int partition)
        {
            TaskCompletionSource release;
            lock (_lock) release = _calls.First(c => c.Partition == partition && !c.Release.Task.IsCompleted).Release;
            release.SetResult();
        }

        public void ReleaseAll()
        {
            lock (_lock) foreach (var call in _calls) call.Release.TrySetResult();
        }

        public Task<byte[]?> ExtractAsync(int partition, ulong profile, long lsn) => throw new NotSupportedException();

        public Task AbsorbAsync(int partition, ulong target, byte[] state, long lsn) => throw new NotSupportedException();
    }

    private static List<(long, EventRecord)> Batch(int index) =>
        Numbered(Enumerable.Range(0, 20).Select(i => User(EventType.ShopView, T0 + index * 60_000 + i, [Account((ulong)i + 1)])), first: index * 20 + 1);

    [Fact]
    public async Task APartitionStartsTheNextHandOff_WhileAnotherFinishesTheFirst()
    {
        var host = new HeldHost();
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());

        await dispatcher.DispatchAsync(Batch(0), drain: false);
        Assert.Contains(Lsns(Batch(0)), l => Routed(dispatcher, l, 0));
        Assert.Contains(Lsns(Batch(0)), l => Routed(dispatcher, l, 1));
        var second = dispatcher.DispatchAsync(Batch(1), drain: false);
        Assert.True(second.IsCompleted); // out at once with the first, held back per partition
        Assert.Equal(2, host.Calls().Count);
        var third = dispatcher.DispatchAsync(Batch(2), drain: false); // two are out: it waits

        host.Release(1);
        await Until(() => host.Calls().Count == 3);
        var started = host.Calls()[2];
        Assert.Equal(1, started.Partition);
        Assert.Equal(Lsns(Batch(1)).Where(l => Routed(dispatcher, l, 1)), started.Lsns);
        Assert.False(third.IsCompleted);
        Assert.Equal(0, dispatcher.AppliedLsn); // partition 0 has not finished the first batch

        host.Release(0);
        await third; // the first hand-off is applied everywhere: the third goes out
        Assert.Equal(20, dispatcher.AppliedLsn);

        var drained = dispatcher.DrainAsync();
        while (!drained.IsCompleted)
        {
            host.ReleaseAll();
            await Task.WhenAny(drained, Task.Delay(10));
        }
        await drained;
        Assert.Equal(60, dispatcher.AppliedLsn);
        Assert.Equal(dispatcher.RoutedLsn, dispatcher.AppliedLsn);
        Assert.Equal(0, host.Overlapping);

        // Every partition got its own events, each exactly once, in log order.
        for (var p = 0; p < Partitions; p++)
        {
            var received = host.Calls().Where(c => c.Partition == p).SelectMany(c => c.Lsns).ToList();
            Assert.Equal(received.Order(), received);
            Assert.Equal(Enumerable.Range(0, 3).SelectMany(i => Lsns(Batch(i))).Where(l => Routed(dispatcher, l, p)), received);
        }
    }

    private static IEnumerable<long> Lsns(List<(long Lsn, EventRecord Event)> batch) => batch.Select(b => b.Lsn);

    /// <summary>Whether the event at <paramref name="lsn"/> (an account's view) belongs to partition <paramref name="partition"/>.</summary>
    private static bool Routed(EngineDispatcher dispatcher, long lsn, int partition)
    {
        var account = Account((ulong)((lsn - 1) % 20) + 1);
        return dispatcher.Locate(account.Hash).Partition == partition;
    }

    /// <summary>Waits for work on other threads (the dispatcher's continuations); a bound, not a measurement.</summary>
    private static async Task Until(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 5)
        {
            if (waited > 10_000) Assert.Fail("the condition was not reached");
            await Task.Delay(5);
        }
    }
}
