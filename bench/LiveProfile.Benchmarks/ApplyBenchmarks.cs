using BenchmarkDotNet.Attributes;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Benchmarks;

/// <summary>
/// The engine path of DESIGN.md's first budget: parsed event → identity → partition → features
/// → tags, on two partitions applied in parallel (2 cores). Users (Zipf over 1M) first get 30
/// days of history (1M events, not measured); then 1M events of one day are measured, with no
/// tags and with the default taxonomy: the difference is the cost of live tag evaluation. (The
/// daily sweep of time-driven tags happens once per day, not per event: see TagBenchmarks.)
/// </summary>
[MemoryDiagnoser]
public class ApplyBenchmarks
{
    private const int Events = 1_000_000;
    private const long Day = 86_400_000;
    private List<(long, EventRecord)> _catalog = null!;
    private List<(long, EventRecord)>[] _history = null!;
    private List<(long, EventRecord)>[] _batches = null!;
    private EngineDispatcher _dispatcher = null!;

    [Params(1_000_000)]
    public int Users { get; set; }

    [Params("none", "default")]
    public string Taxonomy { get; set; } = "default";

    [GlobalSetup]
    public void Setup()
    {
        var catalog = SyntheticEvents.Catalog();
        _catalog = [.. catalog.Select((e, i) => ((long)i + 1, e))];
        // History: the 30 days before the measured day, ending at 01:00 of it (local), so no day turns while measuring.
        var today = SyntheticEvents.Start + 30 * Day;
        var history = SyntheticEvents.Users(Events, Users, today - 30 * Day + Day / 24, 30 * Day, seed: 2);
        var first = _catalog.Count + 1L;
        _history = [.. history.Select((e, i) => (first + i, e)).Chunk(16_384).Select(c => c.ToList())];
        var users = SyntheticEvents.Users(Events, Users, today + 2 * Day / 24, 12 * Day / 24, seed: 1);
        first += history.Count;
        _batches = [.. users.Select((e, i) => (first + i, e)).Chunk(16_384).Select(c => c.ToList())];
    }

    [IterationSetup]
    public void FreshEngine()
    {
        var taxonomy = Taxonomy == "none" ? CompiledTaxonomy.None : CompiledTaxonomy.Default;
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 2 }, parallel: true, new TagRuntime(2, taxonomy));
        _dispatcher = new EngineDispatcher(host, new IdentityGraph());
        _dispatcher.DispatchAsync(_catalog).GetAwaiter().GetResult();
        foreach (var batch in _history) _dispatcher.DispatchAsync(batch, drain: false).GetAwaiter().GetResult();
        _dispatcher.DrainAsync().GetAwaiter().GetResult();
        foreach (var engine in host.Engines) engine.CompleteTagWork();
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public void ApplyEvents()
    {
        // As the ingest pipeline does: route the next batch while the partitions apply this one.
        foreach (var batch in _batches) _dispatcher.DispatchAsync(batch, drain: false).GetAwaiter().GetResult();
        _dispatcher.DrainAsync().GetAwaiter().GetResult();
    }
}
