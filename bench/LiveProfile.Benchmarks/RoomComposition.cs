using System.Diagnostics;
using System.Globalization;
using LiveProfile.Engine.Rooms;
using LiveProfile.Engine.Tags.Taxonomy;
using Roaring.Net.CRoaring;

namespace LiveProfile.Benchmarks;

/// <summary>
/// `rooms [viewers] [joins+leaves per second] [seconds]`: a room with 1,000,000 viewers and 10,000 joins and leaves a
/// second, its composition (viewers per tag of the default taxonomy and per family) read once a second. Kept by the
/// engine's incremental counters (<see cref="RoomAudience"/>), against the naive design: a bitmap of the viewers and,
/// once a second, an intersection count with every tag's and family's bitmap. Both must give the same composition.
/// </summary>
internal static class RoomComposition
{
    public static int Run(string[] args)
    {
        var viewers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var churn = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var people = viewers * 2;
        var taxonomy = CompiledTaxonomy.Default;
        var families = taxonomy.Families.Select(f => f.Id).ToList();
        var tags = taxonomy.Tags.Select(t => (t.Key, Family: ~families.IndexOf(t.Family))).ToArray();
        Console.WriteLine($"{viewers:N0} viewers of {people:N0} people, {tags.Length} tags in {families.Count} families, {churn:N0} joins+leaves/s for {seconds} s");

        // Each person carries each tag with its own probability (a few common tags, a long tail): about 9 tags each.
        var random = new Random(5);
        var odds = tags.Select((_, i) => 0.6 / (1 + i * 0.25)).ToArray();
        var counters = new int[people][];
        var tagMembers = tags.Select(_ => new List<uint>()).ToArray();
        for (var p = 0; p < people; p++)
        {
            var mine = new List<int>();
            for (var t = 0; t < tags.Length; t++)
            {
                if (random.NextDouble() >= odds[t]) continue;
                mine.Add(tags[t].Key);
                tagMembers[t].Add((uint)p);
            }
            foreach (var family in mine.Select(k => tags.First(t => t.Key == k).Family).Distinct().ToList()) mine.Add(family);
            counters[p] = [.. mine];
        }
        using var bitmaps = new Bitmaps(tags, tagMembers, families.Count);
        Console.WriteLine($"{counters.Average(c => c.Length):F1} counters per person (tags and families)");

        var incremental = Simulate(viewers, churn, seconds, people, counters, new CountersRoom());
        var naive = Simulate(viewers, churn, seconds, people, counters, new BitmapRoom(bitmaps));
        if (!incremental.Composition.OrderBy(c => c.Key).SequenceEqual(naive.Composition.OrderBy(c => c.Key)))
        {
            throw new InvalidOperationException("the two compositions differ");
        }

        Console.WriteLine();
        Console.WriteLine($"| composition kept by | per join or leave | one snapshot | CPU share: {churn:N0} joins+leaves/s, 1 snapshot/s | the same, 10 snapshots/s (ten dashboards) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Row("incremental counters (LiveProfile)", incremental, churn);
        Row("a bitmap of viewers, recounted against every tag and family at each snapshot", naive, churn);
        return 0;
    }

    private static (double PerChangeUs, double SnapshotMs, double TotalMs, Dictionary<int, long> Composition) Simulate(int viewers, int churn,
        int seconds, int people, int[][] counters, IRoom room)
    {
        var present = new bool[people];
        var inRoom = new List<int>(viewers + churn);
        var outside = new List<int>(people);
        for (var p = 0; p < people; p++)
        {
            if (p < viewers) { room.Enter(p, counters[p]); present[p] = true; inRoom.Add(p); }
            else outside.Add(p);
        }
        var random = new Random(9);
        for (var i = 0; i < 3; i++) room.Snapshot(); // warm: the first calls compile
        var changeTicks = 0L;
        var snapshotTicks = 0L;
        Dictionary<int, long> composition = [];
        for (var second = 0; second < seconds; second++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < churn / 2; i++)
            {
                var leaving = Take(inRoom, random);
                room.Leave(leaving, counters[leaving]);
                outside.Add(leaving);
                var joining = Take(outside, random);
                room.Enter(joining, counters[joining]);
                inRoom.Add(joining);
            }
            var changed = Stopwatch.GetTimestamp();
            composition = room.Snapshot();
            var done = Stopwatch.GetTimestamp();
            changeTicks += changed - start;
            snapshotTicks += done - changed;
        }
        var perChangeUs = changeTicks * 1e6 / Stopwatch.Frequency / ((long)churn / 2 * 2 * seconds);
        return (perChangeUs, snapshotTicks * 1e3 / Stopwatch.Frequency / seconds, (changeTicks + snapshotTicks) * 1e3 / Stopwatch.Frequency, composition);
    }

    private static int Take(List<int> from, Random random)
    {
        var at = random.Next(from.Count);
        var taken = from[at];
        from[at] = from[^1];
        from.RemoveAt(from.Count - 1);
        return taken;
    }

    /// <summary>CPU share of one core: the measured cost per change and per snapshot, at the given rates.</summary>
    private static void Row(string name, (double PerChangeUs, double SnapshotMs, double TotalMs, Dictionary<int, long> _) r, int churn) =>
        Console.WriteLine($"| {name} | {r.PerChangeUs:F3} µs | {r.SnapshotMs:F3} ms | " +
            $"{(churn * r.PerChangeUs / 1e6) + (r.SnapshotMs / 1e3):P2} | {(churn * r.PerChangeUs / 1e6) + (10 * r.SnapshotMs / 1e3):P2} |");

    private interface IRoom
    {
        void Enter(int person, int[] counters);
        void Leave(int person, int[] counters);
        Dictionary<int, long> Snapshot();
    }

    /// <summary>The engine's way: counters moved on each join and leave; a snapshot copies them.</summary>
    private sealed class CountersRoom : IRoom
    {
        private readonly RoomAudience _audience = new();
        public void Enter(int person, int[] counters) => _audience.Enter(person, counters, isNew: false);
        public void Leave(int person, int[] counters) => _audience.Leave(person, counters, wasNew: false);
        public Dictionary<int, long> Snapshot() => _audience.Counters.ToDictionary(c => c.Key, c => (long)c.Value);
    }

    /// <summary>The naive way: only the set of viewers is kept; a snapshot intersects it with every tag and family.</summary>
    private sealed class BitmapRoom(Bitmaps bitmaps) : IRoom
    {
        private readonly Roaring32Bitmap _viewers = new();
        public void Enter(int person, int[] counters) => _viewers.Add((uint)person);
        public void Leave(int person, int[] counters) => _viewers.Remove((uint)person);
        public Dictionary<int, long> Snapshot()
        {
            var composition = new Dictionary<int, long>();
            foreach (var (key, members) in bitmaps.All)
            {
                var count = (long)_viewers.AndCount(members);
                if (count > 0) composition[key] = count;
            }
            return composition;
        }
    }

    /// <summary>Who carries each tag, and each family (the union of its tags), over the whole population.</summary>
    private sealed class Bitmaps : IDisposable
    {
        public Bitmaps((int Key, int Family)[] tags, List<uint>[] members, int families)
        {
            for (var t = 0; t < tags.Length; t++)
            {
                var bitmap = new Roaring32Bitmap();
                bitmap.AddMany([.. members[t]]);
                All.Add((tags[t].Key, bitmap));
            }
            var ofTags = All.ToArray();
            for (var f = 0; f < families; f++)
            {
                var ofFamily = ofTags.Where((_, t) => tags[t].Family == ~f).Select(b => b.Members).ToArray();
                All.Add((~f, ofFamily.Length == 0 ? new Roaring32Bitmap() : ofFamily[0].OrMany(ofFamily[1..])));
            }
        }

        public List<(int Key, Roaring32Bitmap Members)> All { get; } = [];

        public void Dispose()
        {
            foreach (var (_, bitmap) in All) bitmap.Dispose();
        }
    }
}
