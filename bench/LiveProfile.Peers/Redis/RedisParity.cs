using System.Globalization;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Partitioning;
using StackExchange.Redis;


namespace LiveProfile.Peers.Redis;

/// <summary>
/// Checks that Redis holds what the engine computed for a sample of users: every window counter
/// of every day (dwell aside: visits close at different moments), lifetime orders and spend, and
/// each affinity's share of the interaction score (the share does not depend on the decay anchor).
/// </summary>
internal static class RedisParity
{
    public static async Task<Parity> CheckAsync(IDatabase db, LocalPartitionHost engine, IReadOnlyList<ulong> profiles)
    {
        var matching = 0;
        string? first = null;
        foreach (var id in profiles)
        {
            var partition = engine.Engines[Partitioner.PartitionOf(id, engine.Partitions)];
            var difference = partition.Find(id) is { } profile
                ? await CompareAsync(db, partition.World, profile).ConfigureAwait(false)
                : "not in the engine";
            if (difference is null) matching++;
            else first ??= $"{id:x16}: {difference}";
        }
        return new Parity(profiles.Count, matching, first);
    }

    private static async Task<string?> CompareAsync(IDatabase db, World world, Profile profile)
    {
        var hex = profile.Id.ToString("x16", CultureInfo.InvariantCulture);
        foreach (var day in profile.Windows.ToArray().Select(w => w.Day).Distinct())
        {
            var stored = (await db.HashGetAllAsync($"w:{hex}:{day}").ConfigureAwait(false))
                .Where(f => f.Name != FeatureKeys.DwellSeconds.ToString(CultureInfo.InvariantCulture))
                .ToDictionary(f => (ushort)(int)f.Name, f => (uint)(long)f.Value);
            var expected = profile.Windows.ToArray().Where(w => w.Day == day && w.Key != FeatureKeys.DwellSeconds).ToList();
            if (stored.Count != expected.Count) return $"day {day}: {stored.Count} counters in Redis, {expected.Count} in the engine";
            foreach (var w in expected)
            {
                if (!stored.TryGetValue(w.Key, out var count) || count != w.Count) return $"day {day} key {w.Key}: Redis {count}, engine {w.Count}";
            }
        }
        var p = (await db.HashGetAllAsync($"p:{hex}").ConfigureAwait(false)).ToDictionary(f => (string)f.Name!, f => f.Value);
        var orders = p.TryGetValue("orders", out var o) ? (int)o : 0;
        var spend = p.TryGetValue("spend", out var s) ? (double)s : 0;
        if (orders != profile.Orders || Math.Abs(spend - profile.Spend) > 1e-6) return $"orders {orders}/{spend} in Redis, {profile.Orders}/{profile.Spend} in the engine";
        var a = (await db.HashGetAllAsync($"a:{hex}").ConfigureAwait(false)).ToDictionary(f => (string)f.Name!, f => (double)f.Value);
        if (profile.Affinities.Length + (profile.Affinities.Length > 0 ? 1 : 0) != a.Count) return $"{a.Count} affinity fields in Redis, {profile.Affinities.Length} keys in the engine";
        foreach (var entry in profile.Affinities.ToArray())
        {
            var name = world.Keys.Name(entry.Key);
            var share = a.GetValueOrDefault(name) / a["_score"];
            if (Math.Abs(share - entry.Value / profile.InteractionScore) > 1e-9) return $"share of {name}: Redis {share}, engine {entry.Value / profile.InteractionScore}";
        }
        return null;
    }
}
