using LiveProfile.Peers.Features;
using Orleans.Concurrency;

namespace LiveProfile.Peers.Orleans;

/// <summary>
/// One live room as a grain (key = the room's key): its audience and the product funnels of its sessions, the work the
/// engine's partitions do for rooms. User grains send it what their events change there.
/// </summary>
internal interface IRoomGrain : IGrainWithIntegerKey
{
    /// <summary>One user's signals for this room, in the order its events made them.</summary>
    Task Apply(ulong user, Immutable<List<RoomSignal>> signals);

    /// <summary>Distinct clickers of the room's latest session (to compare with the engine's funnels).</summary>
    Task<long> LatestSessionClickers();

    /// <summary>Viewers in the room now.</summary>
    Task<int> Viewers();
}
