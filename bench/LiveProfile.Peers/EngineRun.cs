using System.Diagnostics;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Peers;

/// <summary>
/// The engine path of ApplyBenchmarks on the peers' stream: identity, routing pipelined with
/// applying, 4 partitions applied in parallel, features, and tags (none, or the default taxonomy).
/// History is applied first, untimed; the measured events are timed.
/// </summary>
internal static class EngineRun
{
    /// <summary>
    /// Partitions of the engine, and slab sets of the grains' profiles: the server's default (<c>ServerOptions.Partitions</c>).
    /// More partitions than cores keep both busy when a batch falls unevenly, and each partition's tables stay smaller.
    /// </summary>
    public const int Partitions = 4;

    /// <summary>
    /// The better of two runs, each on a fresh engine (the machine is shared, and the engine's runs are
    /// short); the second run's partitions are kept (both end in the same state).
    /// </summary>
    public static EngineResult Best(PeerStream stream, bool tags)
    {
        var first = Run(stream, tags) with { Host = null! };
        var second = Run(stream, tags);
        return first.EventsPerSecond > second.EventsPerSecond ? first with { Host = second.Host } : second;
    }

    /// <summary>
    /// The engine without tags once more, after a peer ran: the machine's speed drifts over minutes, so the ratios are also
    /// given against the slower of the engine's runs before and after the peer.
    /// </summary>
    public static EngineResult Again(PeerStream stream) => Run(stream, tags: false, "no tags, again after the peers") with { Host = null! };

    /// <summary>The engine without tags once, with the measured events' allocations traced per type.</summary>
    public static EngineResult Traced(PeerStream stream, AllocationTrace trace) =>
        Run(stream, tags: false, "no tags, allocations traced", trace) with { Host = null! };

    private static EngineResult Run(PeerStream stream, bool tags, string? label = null, AllocationTrace? trace = null)
    {
        var name = label ?? (tags ? "default taxonomy" : "no tags");
        var heapBefore = Heap.Collect();
        var host = new LocalPartitionHost(new EngineOptions { Partitions = Partitions }, parallel: true,
            new TagRuntime(Partitions, tags ? CompiledTaxonomy.Default : CompiledTaxonomy.None));
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        dispatcher.DispatchAsync(stream.Catalog).GetAwaiter().GetResult();
        var watch = Stopwatch.StartNew();
        foreach (var batch in stream.History) dispatcher.DispatchAsync(batch, drain: false).GetAwaiter().GetResult();
        dispatcher.DrainAsync().GetAwaiter().GetResult();
        foreach (var engine in host.Engines) engine.CompleteTagWork();
        Progress.Line($"engine ({name}): history applied, {Rate(stream.History.Sum(b => b.Count), watch.Elapsed)}");
        Heap.Collect();

        Progress.Line($"engine ({name}): measuring {stream.MeasuredEvents:N0} events");
        var meter = new CpuMeter();
        trace?.Start();
        foreach (var batch in stream.Measured) dispatcher.DispatchAsync(batch, drain: false).GetAwaiter().GetResult();
        dispatcher.DrainAsync().GetAwaiter().GetResult();
        trace?.Stop();
        var (elapsed, cores, others) = (meter.Elapsed, meter.ProcessCores, meter.MachineCores - meter.ProcessCores);
        var gc = meter.Gc;
        var profiles = host.Engines.Sum(e => e.ProfileCount);
        var heap = Heap.Collect() - heapBefore;
        var result = new EngineResult(name, stream.MeasuredEvents / elapsed.TotalSeconds, cores, others, profiles, heap / (double)profiles, host);
        Progress.Line($"engine ({name}): {result.EventsPerSecond:N0} events/s on {cores:F2} cores (other processes: {others:F2}); {profiles:N0} profiles, heap {result.HeapPerProfile:N0} B/profile; {gc}");
        return result;
    }

    private static string Rate(int events, TimeSpan elapsed) => $"{events:N0} events in {elapsed.TotalSeconds:F1} s";
}
