using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Partitioning;

namespace LiveProfile.Benchmarks;

/// <summary>Feeds events to a dispatcher in numbered batches, log positions continuing from <c>lsn</c>.</summary>
internal static class EngineFeed
{
    /// <param name="pipelined">Route the next batch while the partitions apply the last (loading); else each batch is applied before the next.</param>
    public static void Dispatch(EngineDispatcher dispatcher, List<EventRecord> events, ref long lsn, int batchSize = 1000, bool pipelined = false)
    {
        for (var i = 0; i < events.Count; i += batchSize)
        {
            var first = lsn + 1;
            var batch = events.GetRange(i, Math.Min(batchSize, events.Count - i)).Select((e, j) => (first + j, e)).ToList();
            lsn += batch.Count;
            dispatcher.DispatchAsync(batch, drain: !pipelined).GetAwaiter().GetResult();
        }
        if (pipelined) dispatcher.DrainAsync().GetAwaiter().GetResult();
    }
}
