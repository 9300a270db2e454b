using BenchmarkDotNet.Attributes;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Benchmarks;

/// <summary>
/// The engine path of DESIGN.md's first budget: parsed event → identity → partition → features
/// → tags, for 1M events of 1M Zipf users on two partitions applied in parallel (2 cores); with
/// no tags and with the default taxonomy, so the difference is the cost of live tag evaluation.
/// </summary>
[MemoryDiagnoser]
public class ApplyBenchmarks
{
    private const int Events = 1_000_000;
    private List<(long, EventRecord)> _catalog = null!;
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
        var users = SyntheticEvents.Users(Events, Users);
        var first = _catalog.Count + 1L;
        _batches = [.. users.Select((e, i) => (first + i, e)).Chunk(16_384).Select(c => c.ToList())];
    }

    [IterationSetup]
    public void FreshEngine()
    {
        var taxonomy = Taxonomy == "none" ? NoTags.Value : CompiledTaxonomy.Default;
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 2 }, parallel: true, new TagRuntime(2, taxonomy));
        _dispatcher = new EngineDispatcher(host, new IdentityGraph());
        _dispatcher.DispatchAsync(_catalog).GetAwaiter().GetResult();
    }

    private static readonly Lazy<CompiledTaxonomy> NoTags = new(() =>
        TaxonomyCompiler.Compile("families:\n  none: { zh: 无, en: none }\ntags: []\n", 1).Taxonomy!);

    [Benchmark(OperationsPerInvoke = Events)]
    public void ApplyEvents()
    {
        // As the ingest pipeline does: route the next batch while the partitions apply this one.
        foreach (var batch in _batches) _dispatcher.DispatchAsync(batch, drain: false).GetAwaiter().GetResult();
        _dispatcher.DrainAsync().GetAwaiter().GetResult();
    }
}
