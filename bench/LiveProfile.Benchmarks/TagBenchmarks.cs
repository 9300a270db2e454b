using BenchmarkDotNet.Attributes;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Benchmarks;

/// <summary>
/// Cost of evaluating every tag of the default taxonomy (≈ 90 tags after expanding categories and
/// provinces) on one profile, measured as a backfill over 100k profiles built from Zipf traffic:
/// what a taxonomy change or a full re-evaluation costs per profile.
/// </summary>
[MemoryDiagnoser]
public class TagBenchmarks
{
    private const int Profiles = 100_000;
    private PartitionEngine _engine = null!;
    private TagRuntime _tags = null!;
    private int _version = 1;

    [GlobalSetup]
    public void Setup()
    {
        _tags = new TagRuntime(1, CompiledTaxonomy.Default);
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 1 }, tags: _tags);
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        var catalog = SyntheticEvents.Catalog();
        var events = catalog.Concat(SyntheticEvents.Users(1_000_000, Profiles)).Select((e, i) => ((long)i + 1, e)).ToList();
        foreach (var chunk in events.Chunk(16_384)) dispatcher.DispatchAsync(chunk).GetAwaiter().GetResult();
        _engine = host.Engines[0];
        _engine.CompleteTagWork();
        Console.WriteLine($"// profiles: {_engine.ProfileCount:N0}; tags: {CompiledTaxonomy.Default.Tags.Count}");
    }

    [IterationSetup]
    public void NewVersion() =>
        _tags.Install(TaxonomyCompiler.Compile(CompiledTaxonomy.DefaultSource, ++_version).Taxonomy!);

    /// <summary>One full sweep; divide by the profile count printed at setup for the cost per profile.</summary>
    [Benchmark]
    public void BackfillEveryProfile() => _engine.CompleteTagWork();
}
