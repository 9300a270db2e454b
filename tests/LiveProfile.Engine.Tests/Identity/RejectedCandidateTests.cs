using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Identity;

/// <summary>A reviewer's rejection of a candidate match keeps the two apart, like an unmerge's cut, through a checkpoint.</summary>
public sealed class RejectedCandidateTests
{
    private static IdentityGraph Rejected()
    {
        var graph = new IdentityGraph();
        var merges = new List<(ulong, ulong)>();
        graph.Resolve([Viewer(1)], merges, atMs: 1_000, lsn: 1);
        graph.Resolve([Account(1)], merges, atMs: 2_000, lsn: 2);
        graph.KeepApart(Viewer(1), Account(1), 0.45f, atMs: 3_000, lsn: 3);
        return graph;
    }

    [Fact]
    public void KeepApart_BlocksLaterLinksAndSharedEvents_AndShowsOnBothSides()
    {
        var graph = Rejected();
        var merges = new List<(ulong, ulong)>();
        graph.Resolve([Viewer(1), Account(1)], merges, LinkSource.IdentityLink, atMs: 4_000, lsn: 4);
        graph.Resolve([Viewer(1), Account(1)], merges, LinkSource.Matcher, atMs: 5_000, lsn: 5, confidence: 0.99f);
        Assert.Empty(merges);
        Assert.NotEqual(graph.Find(Viewer(1).Hash), graph.Find(Account(1).Hash));
        Assert.True(graph.KeptApart(Viewer(1).Hash, Account(1).Hash));
        var cut = Assert.Single(graph.Cuts(graph.Find(Viewer(1).Hash)));
        Assert.Equal(cut, Assert.Single(graph.Cuts(graph.Find(Account(1).Hash))));
        Assert.Equal((LinkSource.Matcher, 0.45f, 3L, 3L), (cut.Link.Source, cut.Link.Confidence, cut.Link.Lsn, cut.Lsn));

        // Through a third identifier: the viewer's device joins the account's profile, the viewer stays out.
        var device = new Pseudonym(IdentifierKind.Device, 0x3000_0000_0009);
        graph.Resolve([Account(1), device], merges, atMs: 6_000, lsn: 6);
        graph.Resolve([Viewer(1), device], merges, atMs: 7_000, lsn: 7);
        Assert.NotEqual(graph.Find(Viewer(1).Hash), graph.Find(Account(1).Hash));
    }

    [Fact]
    public void KeepApart_SurvivesSaveAndLoad_AndIsANoOpForOnePerson()
    {
        var graph = Rejected();
        var loaded = GraphCheckpoint.Reloaded(graph);
        Assert.True(loaded.KeptApart(Viewer(1).Hash, Account(1).Hash));
        loaded.Resolve([Viewer(1), Account(1)], [], LinkSource.IdentityLink, atMs: 4_000, lsn: 4);
        Assert.NotEqual(loaded.Find(Viewer(1).Hash), loaded.Find(Account(1).Hash));

        var one = new IdentityGraph();
        one.Resolve([Viewer(2), Account(2)], [], atMs: 1_000, lsn: 1);
        one.KeepApart(Viewer(2), Account(2), 0.5f, atMs: 2_000, lsn: 2);
        Assert.Empty(one.Cuts(one.Find(Viewer(2).Hash)));
        Assert.False(one.KeptApart(Viewer(2).Hash, Account(2).Hash));
    }
}
