using System.Runtime.InteropServices;
using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Identity;

/// <summary>
/// Deterministic identity: a union-find over pseudonymised identifiers. Identifiers seen together
/// in one event or in <c>identity.link</c> are one person. The root of a set (its canonical profile
/// id) is the best identifier by (kind: account before viewer, device, phone; then hash), so the
/// result does not depend on the order links arrive in. Rebuilt exactly from the log; saved in checkpoints.
/// Nicknames are not identifiers (many people share one); probabilistic matching uses them. Each set keeps its
/// lineage: which join brought which identifier in, when, by which event and why (<see cref="IdentityLink"/>).
/// </summary>
public sealed class IdentityGraph
{
    private readonly Dictionary<ulong, Node> _nodes = [];
    private readonly Dictionary<ulong, List<Pseudonym>> _members = []; // only for sets of two or more
    private readonly Dictionary<ulong, List<IdentityLink>> _links = []; // by root: how the set came together, in log order

    public int IdentifierCount => _nodes.Count;

    /// <summary>Canonical profile id of an identifier, or 0 when it was never seen.</summary>
    public ulong Find(ulong hash)
    {
        if (!_nodes.ContainsKey(hash)) return 0;
        return Root(hash);
    }

    /// <summary>The identifiers of a profile (just the root when it was never merged).</summary>
    public IReadOnlyList<Pseudonym> Members(ulong root) =>
        _members.TryGetValue(root, out var list) ? list
        : _nodes.TryGetValue(root, out var node) ? [new Pseudonym(node.Kind, root)] : [];

    /// <summary>How a profile's identifiers came together, in log order (empty for a profile of one identifier).</summary>
    public IReadOnlyList<IdentityLink> Links(ulong root) => _links.TryGetValue(root, out var links) ? links : [];

    /// <summary>
    /// Adds the identifiers of one event and unites them. Returns the canonical profile id, and
    /// for every union of two existing profiles, the profile that disappears and the one that absorbs it.
    /// Every join is remembered with <paramref name="source"/>, <paramref name="atMs"/> and <paramref name="lsn"/>.
    /// </summary>
    public ulong Resolve(ReadOnlySpan<Pseudonym> ids, List<(ulong From, ulong To)> merges, LinkSource source = LinkSource.Event, long atMs = 0,
        long lsn = 0)
    {
        ulong root = 0, first = 0;
        var rootIsNew = false;
        foreach (var id in ids)
        {
            if (id.Kind == IdentifierKind.Nickname) continue;
            var r = Add(id, out var isNew);
            if (root == 0)
            {
                (root, rootIsNew, first) = (r, isNew, id.Hash);
                continue;
            }
            if (r == root) continue;
            var (winner, loser, loserIsNew) = Better(root, r) ? (root, r, isNew) : (r, root, rootIsNew);
            // Two profiles meet only if neither side is new in this event: otherwise an identifier joins a profile.
            Union(winner, loser, new IdentityLink(first, id.Hash, source, 1f, atMs, lsn) { Merged = !isNew && !rootIsNew });
            // An identifier first seen in this very event has no profile yet: nothing to move.
            if (!loserIsNew) merges.Add((loser, winner));
            root = winner;
            rootIsNew = rootIsNew && isNew;
        }
        return root;
    }

    private ulong Add(Pseudonym id, out bool isNew)
    {
        ref var node = ref CollectionsMarshal.GetValueRefOrAddDefault(_nodes, id.Hash, out var exists);
        isNew = !exists;
        if (!exists) node = new Node(id.Hash, id.Kind);
        // Most identifiers are their profile's root: no second lookup for them.
        return !exists || node.Parent == id.Hash ? id.Hash : Root(id.Hash);
    }

    private ulong Root(ulong hash)
    {
        var root = hash;
        while (true)
        {
            var parent = _nodes[root].Parent;
            if (parent == root) break;
            root = parent;
        }
        // Path compression keeps later finds O(1).
        while (hash != root)
        {
            ref var node = ref CollectionsMarshal.GetValueRefOrNullRef(_nodes, hash);
            var next = node.Parent;
            node.Parent = root;
            hash = next;
        }
        return root;
    }

    private bool Better(ulong a, ulong b)
    {
        var ka = _nodes[a].Kind;
        var kb = _nodes[b].Kind;
        return ka != kb ? ka < kb : a < b;
    }

    private void Union(ulong winner, ulong loser, IdentityLink link)
    {
        CollectionsMarshal.GetValueRefOrNullRef(_nodes, loser).Parent = winner;
        var winners = _members.TryGetValue(winner, out var w) ? w : [new Pseudonym(_nodes[winner].Kind, winner)];
        if (_members.Remove(loser, out var losers)) winners.AddRange(losers);
        else winners.Add(new Pseudonym(_nodes[loser].Kind, loser));
        _members[winner] = winners;

        var links = _links.TryGetValue(winner, out var l) ? l : _links[winner] = [];
        if (_links.Remove(loser, out var loserLinks))
        {
            links.AddRange(loserLinks);
            links.Sort((a, b) => a.Lsn.CompareTo(b.Lsn)); // both sides' lineage, in log order
        }
        links.Add(link);
    }

    /// <summary>Writes the graph; <see cref="Load"/> reads it back (format 2: with links).</summary>
    public void Save(BinaryWriter w)
    {
        w.Write(_nodes.Count);
        foreach (var (hash, node) in _nodes)
        {
            w.Write(hash);
            w.Write(Root(hash));
            w.Write((byte)node.Kind);
        }
        w.Write(_links.Count);
        foreach (var (root, links) in _links)
        {
            w.Write(root);
            w.Write(links.Count);
            foreach (var link in links)
            {
                w.Write(link.From);
                w.Write(link.To);
                w.Write((byte)link.Source);
                w.Write(link.Confidence);
                w.Write(link.AtMs);
                w.Write(link.Lsn);
                w.Write(link.Merged);
            }
        }
    }

    /// <param name="withLinks">False for graphs saved before links were kept (router checkpoint format 1).</param>
    public static IdentityGraph Load(BinaryReader r, bool withLinks = true)
    {
        var graph = new IdentityGraph();
        var count = r.ReadInt32();
        graph._nodes.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            var hash = r.ReadUInt64();
            var root = r.ReadUInt64();
            var kind = (IdentifierKind)r.ReadByte();
            graph._nodes[hash] = new Node(root, kind);
            if (root != hash)
            {
                if (!graph._members.TryGetValue(root, out var list)) graph._members[root] = list = [];
                list.Add(new Pseudonym(kind, hash));
            }
        }
        foreach (var (root, list) in graph._members) list.Insert(0, new Pseudonym(graph._nodes[root].Kind, root));
        if (!withLinks) return graph;
        for (var roots = r.ReadInt32(); roots > 0; roots--)
        {
            var root = r.ReadUInt64();
            var links = new List<IdentityLink>();
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                links.Add(new IdentityLink(r.ReadUInt64(), r.ReadUInt64(), (LinkSource)r.ReadByte(), r.ReadSingle(), r.ReadInt64(), r.ReadInt64())
                {
                    Merged = r.ReadBoolean(),
                });
            }
            graph._links[root] = links;
        }
        return graph;
    }

    private struct Node(ulong parent, IdentifierKind kind)
    {
        public ulong Parent = parent;
        public readonly IdentifierKind Kind = kind;
    }
}
