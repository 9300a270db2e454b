using CsCheck;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Identity;

/// <summary>
/// Unmerge: a wrong link is cut and both profiles come back exactly as replaying each person's own events gives
/// (the oracle: an engine that never saw the link), byte for byte; the cut link is not made again.
/// </summary>
public sealed class UnmergeTests
{
    private static readonly Pseudonym AccountA = Account(1), ViewerA = Viewer(1), AccountB = Account(2);
    private static readonly string[] Products = ["serum", "phone", "snack", "coat"];

    private static List<EventRecord> Catalog() =>
    [
        Product("serum", "beauty/skincare/serum", 199, "珀莱雅", "国潮"), Product("phone", "digital/phone", 3999, "华为"),
        Product("snack", "food/snack", 29, "三只松鼠"), Product("coat", "fashion/coat", 599, "李宁", "国潮"),
    ];

    /// <summary>One person's event at <paramref name="ts"/>, of a kind and product picked by <paramref name="pick"/>.</summary>
    private static EventRecord Behaviour(Pseudonym[] ids, long ts, int pick)
    {
        var product = Products[pick % Products.Length];
        return (pick / Products.Length % 8) switch
        {
            0 => User(EventType.LiveProductClick, ts, ids, product, "room1"),
            1 => User(EventType.ShopView, ts, ids, product),
            2 => User(EventType.ShopCartAdd, ts, ids, product),
            3 => Order(ts, ids, 100 + pick, pick % 3 == 0 ? "C" : null, (product, 100 + pick, 0)),
            4 => User(EventType.LiveJoin, ts, ids, room: "room" + pick % 2),
            5 => User(EventType.LiveComment, ts, ids, room: "room1", props: p => p.Text = "这个成分敏感肌能用吗"),
            6 => User(EventType.LiveHeartbeat, ts, ids, room: "room" + pick % 2),
            _ => User(EventType.LiveLeave, ts, ids, room: "room" + pick % 2),
        };
    }

    /// <summary>
    /// A's events (by its account, its viewer id, or both), B's, a link or an event that wrongly joins A's viewer to B,
    /// more events, the unmerge splitting B off, more events; once joined, some events carry both people's identifiers
    /// (B's account first: they are B's).
    /// </summary>
    private sealed record Script(List<(char Who, int Pick, int GapSeconds)> Before, bool ByLink, List<(char Who, int Pick, int GapSeconds)> Merged,
        List<(char Who, int Pick, int GapSeconds)> After);

    private static readonly Gen<List<(char, int, int)>> Steps = Gen.Select(Gen.Char['A', 'C'], Gen.Int[0, 1000], Gen.Int[1, 4000]).List[0, 25];
    private static readonly Gen<Script> Scripts = Gen.Select(Steps, Gen.Bool, Steps, Steps, (b, link, m, a) => new Script(b, link, m, a));

    [Fact]
    public void MergeThenUnmerge_RestoresBothProfiles_ByteForByte_AsTheReplayOracle()
    {
        Scripts.Sample(script =>
        {
            var (all, ofA, ofB) = Build(script);
            var history = new ListHistory();
            var real = Host(4);
            var dispatcher = new EngineDispatcher(real, new IdentityGraph());
            dispatcher.UseHistory(real.Engines[0].Options, history);
            var numbered = Numbered(all);
            history.Events.AddRange(numbered);
            foreach (var chunk in numbered.Chunk(7)) dispatcher.DispatchAsync(chunk).GetAwaiter().GetResult();
            var watermark = dispatcher.WatermarkMs;

            Assert.NotEqual(dispatcher.Locate(AccountA.Hash).Profile, dispatcher.Locate(AccountB.Hash).Profile);
            AssertSameAsOracle(real, dispatcher, AccountA, ofA, watermark);
            AssertSameAsOracle(real, dispatcher, AccountB, ofB, watermark);
        }, iter: 60);
    }

    /// <summary>The whole stream, and each person's own events as the oracle replays them.</summary>
    private static (List<EventRecord> All, List<EventRecord> OfA, List<EventRecord> OfB) Build(Script script)
    {
        var all = Catalog();
        var ofA = Catalog();
        var ofB = Catalog();
        var ts = T0;
        void Play(List<(char Who, int Pick, int GapSeconds)> steps, bool cross)
        {
            foreach (var (who, pick, gap) in steps)
            {
                ts += gap * 1000L;
                if (who == 'C' && cross)
                {
                    // Both people's identifiers: it counts for the first one (B's account), B alone.
                    all.Add(Behaviour([AccountB, ViewerA], ts, pick));
                    ofB.Add(Behaviour([AccountB], ts, pick));
                    continue;
                }
                Pseudonym[] ids = who == 'B' || who == 'C' ? [AccountB] : (pick % 3) switch { 0 => [AccountA], 1 => [ViewerA], _ => [AccountA, ViewerA] };
                all.Add(Behaviour(ids, ts, pick));
                (ids[0] == AccountB ? ofB : ofA).Add(Behaviour(ids, ts, pick));
            }
        }
        // A is known by both identifiers from the start: its own link is right.
        ofA.Add(User(EventType.LiveFollow, ts, [AccountA, ViewerA], room: "room1"));
        all.Add(User(EventType.LiveFollow, ts, [AccountA, ViewerA], room: "room1"));
        Play(script.Before, cross: false);
        if (script.ByLink) all.Add(User(EventType.IdentityLink, ts += 1000, [ViewerA], props: p => p.LinkedIds = [AccountB]));
        else
        {
            all.Add(User(EventType.ShopView, ts += 1000, [AccountB, ViewerA], "phone"));
            ofB.Add(User(EventType.ShopView, ts, [AccountB], "phone"));
        }
        Play(script.Merged, cross: true);
        all.Add(User(EventType.IdentityUnmerge, ts += 1000, [AccountA], props: p => p.LinkedIds = [AccountB]));
        Play(script.After, cross: true);
        return (all, ofA, ofB);
    }

    private static void AssertSameAsOracle(LocalPartitionHost real, EngineDispatcher dispatcher, Pseudonym person, List<EventRecord> own, long watermark)
    {
        var oracle = Host(1);
        new EngineDispatcher(oracle, new IdentityGraph()).DispatchAsync(Numbered(own)).GetAwaiter().GetResult();
        oracle.Engines[0].Tick(watermark);
        var (id, partition) = dispatcher.Locate(person.Hash);
        real.Engines[partition].Tick(watermark);
        var expected = oracle.Engines[0].Find(id);
        var actual = real.Engines[partition].Find(id);
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(Portable(oracle.Engines[0], expected), Portable(real.Engines[partition], actual));
    }

    private static byte[] Portable(PartitionEngine engine, Profile profile)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer)) ProfileCodec.Write(writer, profile, new PortableKeys(engine.World.Keys, engine.World.Categories));
        return buffer.ToArray();
    }

    private static LocalPartitionHost Host(int partitions) =>
        new(new EngineOptions { Partitions = partitions }, tags: new TagRuntime(partitions, CompiledTaxonomy.None));

    [Fact]
    public void MergeOrder_DoesNotMatter()
    {
        Pseudonym[] people = [Account(10), Viewer(11), Account(12)];
        (int, int)[][] orders = [[(0, 1), (1, 2)], [(1, 2), (0, 1)], [(0, 2), (2, 1)], [(2, 1), (0, 2)]];
        var steps = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 1000], Gen.Int[1, 4000]).List[1, 30];
        Gen.Select(steps, Gen.Int[0, 3], Gen.Int[0, 3]).Sample((script, first, second) =>
        {
            List<EventRecord> Stream((int, int)[] links)
            {
                var events = Catalog();
                var ts = T0;
                foreach (var (who, pick, gap) in script) events.Add(Behaviour([people[who]], ts += gap * 1000L, pick));
                foreach (var (a, b) in links) events.Add(User(EventType.IdentityLink, ts += 1000, [people[a]], props: p => p.LinkedIds = [people[b]]));
                return events;
            }
            var (oneEngine, one) = Merged(Stream(orders[first]));
            var (otherEngine, other) = Merged(Stream(orders[second]));
            Assert.Equal(one.Id, other.Id);
            Features.FeatureComparison.AssertSame(oneEngine, one, otherEngine, other);
        }, iter: 40);

        static (PartitionEngine, Profile) Merged(List<EventRecord> events)
        {
            var host = Host(4);
            var dispatcher = new EngineDispatcher(host, new IdentityGraph());
            foreach (var chunk in Numbered(events).Chunk(5)) dispatcher.DispatchAsync(chunk).GetAwaiter().GetResult();
            foreach (var engine in host.Engines) engine.Tick(dispatcher.WatermarkMs);
            return Assert.Single(host.Engines.SelectMany(e => e.Profiles.Select(p => (e, p))));
        }
    }

    [Fact]
    public void Split_CutsTheLink_RemembersIt_AndSurvivesACheckpoint()
    {
        var graph = new IdentityGraph();
        var device = new Pseudonym(IdentifierKind.Device, 0x3000_0000_0000);
        var merges = new List<(ulong, ulong)>();
        graph.Resolve([ViewerA, device], merges, atMs: T0, lsn: 1);
        graph.Resolve([AccountA, ViewerA], merges, atMs: T0 + 1, lsn: 2);
        graph.Resolve([AccountB], merges, atMs: T0 + 2, lsn: 3);
        graph.Resolve([device, AccountB], merges, LinkSource.IdentityLink, T0 + 3, lsn: 4); // a shared device: wrong
        var all = graph.Find(AccountA.Hash);
        Assert.Equal(all, graph.Find(AccountB.Hash));

        var roots = graph.Split(all, new HashSet<ulong> { AccountB.Hash }, T0 + 4, lsn: 5);
        Assert.Equal(new[] { AccountA.Hash, AccountB.Hash }.Order(), roots.Order());
        Assert.Equal(new[] { AccountA, ViewerA, device }.Select(p => p.Hash).Order(), graph.Members(AccountA.Hash).Select(m => m.Hash).Order());
        Assert.Equal([AccountB.Hash], graph.Members(AccountB.Hash).Select(m => m.Hash));
        Assert.Equal(2, graph.Links(AccountA.Hash).Count);
        var cut = Assert.Single(graph.Cuts(AccountB.Hash));
        Assert.Equal((device.Hash, AccountB.Hash, 5L), (cut.Link.From, cut.Link.To, cut.Lsn));
        Assert.Equal(cut, Assert.Single(graph.Cuts(AccountA.Hash)));
        Assert.Empty(graph.Split(AccountB.Hash, new HashSet<ulong> { AccountB.Hash }, T0, 6)); // nothing left to split off

        foreach (var g in new[] { graph, GraphCheckpoint.Reloaded(graph) })
        {
            // The shared device shows up with B again: the two stay apart, the event is B's.
            merges.Clear();
            Assert.Equal(AccountB.Hash, g.Resolve([AccountB, device], merges, lsn: 7));
            Assert.Empty(merges);
            Assert.NotEqual(g.Find(AccountA.Hash), g.Find(AccountB.Hash));
            Assert.Single(g.Cuts(AccountB.Hash));
        }
    }

    /// <summary>The log as a list.</summary>
    private sealed class ListHistory : IEventHistory
    {
        public List<(long Lsn, EventRecord Event)> Events { get; } = [];

        public bool Complete => true;

        public IEnumerable<(long Lsn, EventRecord Event)> Before(long beforeLsn) => Events.TakeWhile(e => e.Lsn < beforeLsn);
    }
}
