using System.Diagnostics;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;

namespace LiveProfile.Benchmarks;

/// <summary>
/// DESIGN.md budget "hot profile state ≤ 300 B/profile": builds N profiles from Zipf traffic
/// (about 5 events per profile on average) and reports process RSS and managed heap per profile,
/// plus engine throughput over the same run.
/// </summary>
internal static class MemoryPerProfile
{
    public static async Task<int> RunAsync(int profiles)
    {
        var baselineRss = CurrentRss();
        var baselineHeap = GC.GetTotalMemory(forceFullCollection: true);
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 2 }, parallel: true);
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        var catalog = SyntheticEvents.Catalog();
        await dispatcher.DispatchAsync([.. catalog.Select((e, i) => ((long)i + 1, e))]);

        // Zipf traffic, with every fifth event going to the next unseen user so that all N exist.
        long lsn = catalog.Count;
        var applied = 0L;
        var watch = new Stopwatch();
        var events = SyntheticEvents.Stream(profiles * 5, profiles, seed: 1, userOf: i => i % 5 == 0 ? (ulong)(i / 5) + 1 : null);
        var batch = new List<(long, LiveProfile.Engine.Contract.EventRecord)>(16_384);
        var reported = 0L;
        var allocated = 0L;
        foreach (var e in events)
        {
            batch.Add((++lsn, e));
            if (batch.Count < batch.Capacity) continue;
            var before = GC.GetTotalAllocatedBytes();
            watch.Start();
            await dispatcher.DispatchAsync(batch, drain: false);
            watch.Stop();
            allocated += GC.GetTotalAllocatedBytes() - before;
            applied += batch.Count;
            batch = new(16_384);
            if (applied - reported >= 1_000_000)
            {
                reported = applied;
                Console.WriteLine($"progress: {applied:N0}/{profiles * 5L:N0} events applied");
            }
        }
        watch.Start();
        await dispatcher.DispatchAsync(batch);
        await dispatcher.DrainAsync();
        watch.Stop();
        applied += batch.Count;
        var count = host.Engines.Sum(e => e.ProfileCount);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true) - baselineHeap;
        var rss = CurrentRss() - baselineRss;
        Console.WriteLine($"profiles: {count:N0}, identifiers: {dispatcher.Identity.IdentifierCount:N0}, events applied: {applied:N0}");
        Console.WriteLine($"GC pause total: {GC.GetTotalPauseDuration().TotalSeconds:N1} s; gen0/1/2: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; apply time {watch.Elapsed.TotalSeconds:N1} s");
        Console.WriteLine($"allocated while applying: {allocated / (double)applied:N0} B/event");
        Console.WriteLine($"engine throughput (events → features, 2 partitions in parallel): {applied / watch.Elapsed.TotalSeconds:N0} events/s");
        Console.WriteLine($"managed heap per profile: {heap / (double)count:N0} B (includes the identity graph)");
        Console.WriteLine($"process RSS per profile:  {rss / (double)count:N0} B (RSS growth over baseline / profiles)");
        GC.KeepAlive(host);
        return 0;
    }

    private static long CurrentRss()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
