using System.Diagnostics;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Benchmarks;

/// <summary>
/// `tagcost`: one partition on one thread, the apply benchmark's traffic (30 days of history, then
/// one day measured) with no tags and with the default taxonomy; prints µs per event of each and
/// the difference, without BenchmarkDotNet's parallel-partition noise. A quick tool for tuning.
/// </summary>
internal static class TagCost
{
    private const long Day = 86_400_000;

    public static void Run(int users = 200_000, int events = 1_000_000)
    {
        var today = SyntheticEvents.Start + 30 * Day;
        var catalog = SyntheticEvents.Catalog();
        var history = SyntheticEvents.Users(events, users, today - 30 * Day + Day / 24, 30 * Day, seed: 2);
        var measured = SyntheticEvents.Users(events, users, today + 2 * Day / 24, 12 * Day / 24, seed: 1);
        var none = CompiledTaxonomy.None;
        foreach (var (name, taxonomy) in new[] { ("none", none), ("default", CompiledTaxonomy.Default), ("none", none), ("default", CompiledTaxonomy.Default) })
        {
            var host = new LocalPartitionHost(new EngineOptions { Partitions = 1 }, tags: new TagRuntime(1, taxonomy));
            var dispatcher = new EngineDispatcher(host, new IdentityGraph());
            long lsn = 0;
            foreach (var chunk in catalog.Concat(history).Chunk(16_384)) dispatcher.DispatchAsync([.. chunk.Select(e => (++lsn, e))]).GetAwaiter().GetResult();
            host.Engines[0].CompleteTagWork();
            var batches = measured.Chunk(16_384).Select(chunk => chunk.Select(e => (++lsn, e)).ToList()).ToList();
            GC.Collect();
            var watch = Stopwatch.StartNew();
            foreach (var batch in batches) dispatcher.DispatchAsync(batch).GetAwaiter().GetResult();
            Console.WriteLine($"{name,-8} {watch.Elapsed.TotalMilliseconds * 1000 / events:F2} µs/event ({host.Engines[0].ProfileCount:N0} profiles)");
        }
    }
}
