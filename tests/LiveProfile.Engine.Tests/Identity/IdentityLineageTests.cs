using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Identity;

/// <summary>Each profile's identity graph remembers how its identifiers came together, and keeps it through a checkpoint.</summary>
public sealed class IdentityLineageTests
{
    private static readonly Pseudonym Device = new(IdentifierKind.Device, 0x3000_0000_0001);

    private static IdentityGraph Built()
    {
        var graph = new IdentityGraph();
        var merges = new List<(ulong, ulong)>();
        graph.Resolve([Viewer(1)], merges, LinkSource.Event, atMs: 1_000, lsn: 1);
        graph.Resolve([Viewer(1), Device], merges, LinkSource.Event, atMs: 2_000, lsn: 2);      // a device joins the viewer
        graph.Resolve([Account(1)], merges, LinkSource.Event, atMs: 3_000, lsn: 3);
        graph.Resolve([Viewer(1), Account(1)], merges, LinkSource.IdentityLink, atMs: 4_000, lsn: 4); // two profiles meet
        return graph;
    }

    [Fact]
    public void Links_AfterJoinsAndAMerge_InLogOrderWithWhyAndWhen()
    {
        var graph = Built();
        var root = graph.Find(Viewer(1).Hash);
        Assert.Equal(Account(1).Hash, root);
        var links = graph.Links(root);
        Assert.Equal(
            [
                new IdentityLink(Viewer(1).Hash, Device.Hash, LinkSource.Event, 1f, 2_000, 2) { Merged = false },
                new IdentityLink(Viewer(1).Hash, Account(1).Hash, LinkSource.IdentityLink, 1f, 4_000, 4) { Merged = true },
            ],
            links);
        Assert.Empty(graph.Links(Viewer(9).Hash));
    }

    [Fact]
    public void SaveAndLoad_KeepsTheLinks()
    {
        var graph = Built();
        var loaded = GraphCheckpoint.Reloaded(graph);
        var root = loaded.Find(Device.Hash);
        Assert.Equal(graph.Links(root), loaded.Links(root));
        Assert.Equal(graph.Members(root).OrderBy(m => m.Hash), loaded.Members(root).OrderBy(m => m.Hash));
    }

    [Fact]
    public void Load_AGraphSavedBeforeLinks_ReadsItsMembersWithoutLineage()
    {
        // Router checkpoint format 1: the nodes only (hash, root, kind).
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(2);
            foreach (var id in new[] { Account(1), Viewer(1) })
            {
                w.Write(id.Hash);
                w.Write(Account(1).Hash);
                w.Write((byte)id.Kind);
            }
        }
        buffer.Position = 0;
        var loaded = IdentityGraph.Load(new BinaryReader(buffer), format: 1);
        Assert.Equal(Account(1).Hash, loaded.Find(Viewer(1).Hash));
        Assert.Empty(loaded.Links(Account(1).Hash));
    }
}
