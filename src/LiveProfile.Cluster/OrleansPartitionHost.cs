using LiveProfile.Engine.Partitioning;
using Orleans.Concurrency;

namespace LiveProfile.Cluster;

/// <summary>The dispatcher's view of partitions hosted as grains.</summary>
public sealed class OrleansPartitionHost(IGrainFactory grains, int partitions) : IPartitionHost
{
    public int Partitions => partitions;

    public IPartitionGrain Grain(int partition) => grains.GetGrain<IPartitionGrain>(partition);

    public Task ApplyAsync(int partition, IReadOnlyList<PartitionCommand> batch, long watermarkMs) =>
        Grain(partition).Apply(new Immutable<IReadOnlyList<PartitionCommand>>(batch), watermarkMs);

    public Task<byte[]?> ExtractAsync(int partition, ulong profile, long lsn) => Grain(partition).Extract(profile, lsn);

    public Task AbsorbAsync(int partition, ulong target, byte[] state, long lsn) => Grain(partition).Absorb(target, state, lsn);
}
