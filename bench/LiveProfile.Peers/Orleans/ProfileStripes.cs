using LiveProfile.Engine.Partitioning;

namespace LiveProfile.Peers.Orleans;

/// <summary>
/// Where the grains' <see cref="Engine.Features.Profile"/> arrays live. The engine's slabs are
/// single-writer and carve 2^20-element segments, so one slab set per grain is impossible at a
/// million grains. Grains share as many slab sets as the engine has partitions (so partly filled
/// segments weigh the same in both heaps), each behind a lock held for one event's updates.
/// </summary>
internal sealed class ProfileStripes(int count)
{
    private readonly Stripe[] _stripes = [.. Enumerable.Range(0, count).Select(_ => new Stripe())];

    public Stripe For(ulong profile) => _stripes[Partitioner.PartitionOf(profile, _stripes.Length)];
}
