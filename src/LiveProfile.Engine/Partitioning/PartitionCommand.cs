using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// One step for a partition, in log order: apply an event to a profile, apply a broadcast event
/// (catalog, room, external) to the partition's copy of the world, or take part in a merge.
/// </summary>
public readonly record struct PartitionCommand(long Lsn, ulong Profile, EventRecord Event)
{
    /// <summary>Broadcast commands carry no profile.</summary>
    public bool IsBroadcast => Profile == 0;
}
