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

        // Every user gets at least one event, then Zipf traffic on top: a realistic long tail.
        long lsn = catalog.Count;
        var applied = 0L;
        var watch = new Stopwatch();
        const int chunk = 1_000_000;
        for (var start = 0; start < profiles; start += chunk)
        {
            var n = Math.Min(chunk, profiles - start);
            var events = SyntheticEvents.Users(n * 5, profiles, seed: start + 1);
            // The first event of each chunk's users guarantees coverage of every id.
            for (var u = 0; u < n; u++) events[u * 5].Ids[0] = new(LiveProfile.Engine.Contract.IdentifierKind.Viewer, ((ulong)(start + u) + 1) * 0x9E3779B97F4A7C15UL);
            var batches = events.Chunk(16_384).Select(batch => batch.Select(e => (++lsn, e)).ToList()).ToList();
            watch.Start();
            foreach (var numbered in batches)
            {
                await dispatcher.DispatchAsync(numbered);
                applied += numbered.Count;
            }
            watch.Stop();
            Console.WriteLine($"progress: {start + n:N0}/{profiles:N0} profiles' events applied");
        }
        var count = host.Engines.Sum(e => e.ProfileCount);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true) - baselineHeap;
        var rss = CurrentRss() - baselineRss;
        Console.WriteLine($"profiles: {count:N0}, identifiers: {dispatcher.Identity.IdentifierCount:N0}, events applied: {applied:N0}");
        Console.WriteLine($"GC pause total: {GC.GetTotalPauseDuration().TotalSeconds:N1} s; gen0/1/2: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; apply time {watch.Elapsed.TotalSeconds:N1} s");
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
