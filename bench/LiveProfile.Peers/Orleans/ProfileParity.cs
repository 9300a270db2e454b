using LiveProfile.Engine.Features;
using LiveProfile.Engine.Partitioning;

namespace LiveProfile.Peers.Orleans;

/// <summary>
/// Checks that the grains hold what the engine computed for a sample of users: every window counter
/// (dwell aside: visits close at different moments), lifetime orders, and each affinity's share of
/// the interaction score.
/// </summary>
internal static class ProfileParity
{
    public static async Task<Parity> CheckAsync(IGrainFactory grains, LocalPartitionHost engine, World peerWorld, IReadOnlyList<ulong> profiles)
    {
        var matching = 0;
        string? first = null;
        foreach (var id in profiles)
        {
            var partition = engine.Engines[Partitioner.PartitionOf(id, engine.Partitions)];
            var peer = (await grains.GetGrain<IUserGrain>((long)id).Profile().ConfigureAwait(false)).Value;
            var difference = (partition.Find(id), peer) switch
            {
                (null, _) => "not in the engine",
                (_, null) => "no profile in the grain",
                var (mine, theirs) => Compare(mine, partition.World, theirs, peerWorld),
            };
            if (difference is null) matching++;
            else first ??= $"{id:x16}: {difference}";
        }
        return new Parity(profiles.Count, matching, first);
    }

    private static string? Compare(Profile engine, World engineWorld, Profile peer, World peerWorld)
    {
        var expected = engine.Windows.ToArray().Where(w => w.Key != FeatureKeys.DwellSeconds).ToArray();
        var actual = peer.Windows.ToArray().Where(w => w.Key != FeatureKeys.DwellSeconds).ToArray();
        if (expected.Length != actual.Length) return $"{actual.Length} window counters in the grain, {expected.Length} in the engine";
        for (var i = 0; i < expected.Length; i++)
        {
            if (!expected[i].Equals(actual[i])) return $"window day {expected[i].Day} key {expected[i].Key}: grain {actual[i].Count}, engine {expected[i].Count}";
        }
        if (engine.Orders != peer.Orders || engine.Spend != peer.Spend || engine.PremiumOrders != peer.PremiumOrders)
        {
            return $"orders {peer.Orders}/{peer.Spend}/{peer.PremiumOrders} in the grain, {engine.Orders}/{engine.Spend}/{engine.PremiumOrders} in the engine";
        }
        if (engine.Affinities.Length != peer.Affinities.Length) return $"{peer.Affinities.Length} affinities in the grain, {engine.Affinities.Length} in the engine";
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entry in peer.Affinities) shares[peerWorld.Keys.Name(entry.Key)] = entry.Value / peer.InteractionScore;
        foreach (var entry in engine.Affinities)
        {
            var name = engineWorld.Keys.Name(entry.Key);
            var share = entry.Value / engine.InteractionScore;
            if (Math.Abs(shares.GetValueOrDefault(name) - share) > 1e-9) return $"share of {name}: grain {shares.GetValueOrDefault(name)}, engine {share}";
        }
        return null;
    }
}
