namespace LiveProfile.Engine.Partitioning;

/// <summary>Partitions as plain objects in this process: for tests, benchmarks and replay tools.</summary>
public sealed class LocalPartitionHost : IPartitionHost
{
    /// <param name="parallel">Apply each partition's batch on the thread pool, so partitions use all cores.</param>
    /// <param name="tags">Taxonomy and change sink shared by the partitions; null: the default taxonomy, no sink.</param>
    public LocalPartitionHost(EngineOptions options, bool parallel = false, Tags.TagRuntime? tags = null)
    {
        _parallel = parallel;
        Tags = tags ?? new Tags.TagRuntime(options.Partitions);
        Engines = new PartitionEngine[options.Partitions];
        for (var i = 0; i < Engines.Length; i++) Engines[i] = new PartitionEngine(i, options, Tags);
    }

    public Tags.TagRuntime Tags { get; }

    private readonly bool _parallel;

    public PartitionEngine[] Engines { get; }
    public int Partitions => Engines.Length;

    public Task ApplyAsync(int partition, IReadOnlyList<PartitionCommand> batch, long watermarkMs)
    {
        var engine = Engines[partition];
        if (_parallel) return Task.Run(() => engine.Apply(batch, watermarkMs));
        engine.Apply(batch, watermarkMs);
        return Task.CompletedTask;
    }

    public Task<byte[]?> ExtractAsync(int partition, ulong profile, long lsn) => Task.FromResult(Engines[partition].Extract(profile, lsn));

    public Task AbsorbAsync(int partition, ulong target, byte[] state, long lsn)
    {
        Engines[partition].Absorb(target, state, lsn);
        return Task.CompletedTask;
    }
}
