using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tests.Features;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Identity;

public sealed class IdentityMergeTests
{
    [Fact]
    public void Resolve_IdentifiersTogether_OneRootPreferringTheAccount()
    {
        var graph = new IdentityGraph();
        var merges = new List<(ulong, ulong)>();
        var viewer = Viewer(7);
        var account = Account(7);
        Assert.Equal(viewer.Hash, graph.Resolve([viewer], merges));
        Assert.Equal(account.Hash, graph.Resolve([viewer, account], merges));
        Assert.Equal([(viewer.Hash, account.Hash)], merges);
        Assert.Equal(account.Hash, graph.Find(viewer.Hash));
        Assert.Equal(2, graph.Members(account.Hash).Count);
    }

    [Fact]
    public void Resolve_NewIdentifierJoiningAnExistingOne_NoMergeUnlessAnExistingProfileMoves()
    {
        var graph = new IdentityGraph();
        var merges = new List<(ulong, ulong)>();
        var device = new Pseudonym(IdentifierKind.Device, 5);
        graph.Resolve([Viewer(1)], merges);
        // A new device joins the viewer: the viewer stays the root, nothing to move.
        Assert.Equal(Viewer(1).Hash, graph.Resolve([Viewer(1), device], merges));
        Assert.Empty(merges);
        // Two new identifiers in one event: nothing existed, nothing to move.
        Assert.Equal(Account(2).Hash, graph.Resolve([Viewer(2), Account(2)], merges));
        Assert.Empty(merges);
        // A new account joins the existing viewer and becomes the root: the viewer's profile moves to it.
        Assert.Equal(Account(1).Hash, graph.Resolve([Viewer(1), Account(1)], merges));
        Assert.Equal([(Viewer(1).Hash, Account(1).Hash)], merges);
    }

    [Fact]
    public void Dispatch_CatalogEventCarryingAUser_StillReachesEveryPartitionAndMakesNoProfile()
    {
        var product = Product("tv", "appliance/tv", 4999);
        product.Ids = [Account(99)];
        var host = OrderIndependenceTests.Run([product, User(EventType.ShopView, T0, [Viewer(3)], "tv")], partitions: 4);
        Assert.All(host.Engines, e => Assert.Equal(1, e.World.ProductCount));
        var profile = Assert.Single(host.Engines.SelectMany(e => e.Profiles));
        Assert.Equal(Viewer(3).Hash, profile.Id);
        Assert.NotEmpty(profile.Affinities.ToArray());
    }

    [Fact]
    public void Link_DuringAVisitAndBetweenClickAndOrder_VisitAndImpulseOrderAsForOnePerson()
    {
        var viewer = Viewer(21);
        var account = Account(22);
        var catalog = new List<EventRecord> { Product("lipstick", "beauty/makeup/lipstick", 89) };
        List<EventRecord> Live(Pseudonym v, Pseudonym a, bool linkOnOrder) =>
        [
            User(EventType.LiveJoin, T0, [v], room: "room1", props: p => p.Source = "feed"),
            User(EventType.LiveProductClick, T0 + 30_000, [v], "lipstick", "room1"),
            User(EventType.LiveHeartbeat, T0 + 60_000, [v], room: "room1"),
            // The order names both identifiers: the event that links them.
            Order(T0 + 120_000, linkOnOrder ? [a, v] : [a], 89, null, ("lipstick", 89, 0)),
            User(EventType.LiveHeartbeat, T0 + 150_000, [a], room: "room1"),
            User(EventType.LiveHeartbeat, T0 + 240_000, [a], room: "room1"),
            User(EventType.LiveLeave, T0 + 300_000, [a], room: "room1"),
        ];

        var merged = OrderIndependenceTests.Run([.. catalog, .. Live(viewer, account, linkOnOrder: true)], partitions: 8);
        var oracle = OrderIndependenceTests.Run([.. catalog, .. Live(account, account, linkOnOrder: false)], partitions: 8);

        var (me, mp) = Assert.Single(merged.Engines.SelectMany(e => e.Profiles.Select(p => (e, p))));
        var (oe, op) = Assert.Single(oracle.Engines.SelectMany(e => e.Profiles.Select(p => (e, p))));
        var today = LiveProfile.Engine.Time.EventTime.ToDay(T0);
        Assert.Equal(1, mp.Sum(LiveProfile.Engine.Features.FeatureKeys.ImpulseOrders, today, 1));
        Assert.Equal(300, mp.Sum(LiveProfile.Engine.Features.FeatureKeys.DwellSeconds, today, 1));
        FeatureComparison.AssertSame(oe, op, me, mp);
    }

    [Fact]
    public void Resolve_LinkOrder_DoesNotChangeTheCanonicalId()
    {
        var ids = new[] { Viewer(1), Account(2), Viewer(3), new Pseudonym(IdentifierKind.Device, 9) };
        var roots = new HashSet<ulong>();
        foreach (var permutation in new[] { new[] { 0, 1, 2, 3 }, [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2] })
        {
            var graph = new IdentityGraph();
            var merges = new List<(ulong, ulong)>();
            foreach (var i in permutation) graph.Resolve([ids[i]], merges);
            graph.Resolve([ids[permutation[0]], ids[permutation[1]]], merges);
            graph.Resolve([ids[permutation[2]], ids[permutation[3]]], merges);
            graph.Resolve([ids[permutation[1]], ids[permutation[2]]], merges);
            roots.Add(graph.Find(ids[0].Hash));
        }
        Assert.Equal([Account(2).Hash], roots);
    }

    [Fact]
    public void Link_TwoExistingProfilesInDifferentPartitions_MergedEqualsOneUserReplay()
    {
        var viewer = Viewer(11);
        var account = Account(12);
        var catalog = new List<EventRecord> { Product("serum", "beauty/skincare/serum", 199, "珀莱雅", "国潮"), Product("phone", "digital/phone", 3999, "华为") };
        List<EventRecord> Behaviour(Pseudonym v, Pseudonym a) =>
        [
            User(EventType.LiveProductClick, T0, [v], "serum", "room1"),
            User(EventType.LiveFollow, T0 + 1000, [v], room: "room1"),
            User(EventType.ShopView, T0 + 86_400_000, [a], "phone"),
            Order(T0 + 2 * 86_400_000, [a], 3999, null, ("phone", 3999, 0)),
            User(EventType.LiveProductClick, T0 + 3 * 86_400_000, [v], "serum", "room1"),
        ];

        // The two identities live apart, then a link joins them.
        var link = User(EventType.IdentityLink, T0 + 4 * 86_400_000, [viewer], props: p => p.LinkedIds = [account]);
        var merged = OrderIndependenceTests.Run([.. catalog, .. Behaviour(viewer, account), link], partitions: 8);
        Assert.NotEqual(Partitioner.PartitionOf(viewer.Hash, 8), Partitioner.PartitionOf(account.Hash, 8));

        // Oracle: the same events as one user from the start.
        var oracle = OrderIndependenceTests.Run([.. catalog, .. Behaviour(account, account)], partitions: 8);

        var mergedProfiles = merged.Engines.SelectMany(e => e.Profiles.Select(p => (e, p))).ToList();
        var (me, mp) = Assert.Single(mergedProfiles);
        var (oe, op) = Assert.Single(oracle.Engines.SelectMany(e => e.Profiles.Select(p => (e, p))));
        Assert.Equal(account.Hash, mp.Id);
        FeatureComparison.AssertSame(oe, op, me, mp);
    }
}
