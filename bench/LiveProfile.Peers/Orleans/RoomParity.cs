using LiveProfile.Engine.Partitioning;
using LiveProfile.Peers.Features;

namespace LiveProfile.Peers.Orleans;

/// <summary>
/// Checks that the room grains counted what the engine's partitions did: the distinct clickers of each room's latest
/// session's product funnels (clicks do not depend on when a visit timed out, which the two measure differently).
/// </summary>
internal static class RoomParity
{
    public static async Task<Parity> CheckAsync(IGrainFactory grains, LocalPartitionHost engine, PeerWorld peerWorld, IEnumerable<string> rooms)
    {
        var (checkedRooms, matching) = (0, 0);
        string? first = null;
        foreach (var room in rooms)
        {
            checkedRooms++;
            var expected = engine.Engines.Sum(e => e.Audience(room).Funnel.Sum(row => row.Counts.Clicked));
            var actual = await grains.GetGrain<IRoomGrain>(peerWorld.RoomKey(room)).LatestSessionClickers().ConfigureAwait(false);
            if (expected == actual) matching++;
            else first ??= $"{room}: {actual} clickers in the grain, {expected} in the engine";
        }
        return new Parity(checkedRooms, matching, first, "rooms");
    }
}
