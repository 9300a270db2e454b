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
/// An unmerge (<see cref="Split"/>) cuts links; the identifiers on either side of a cut link are never joined again
/// (an event carrying both counts for its first identifier's profile).
/// </summary>
public sealed class IdentityGraph
{
    private readonly Dictionary<ulong, Node> _nodes = [];
    private readonly Dictionary<ulong, List<Pseudonym>> _members = []; // only for sets of two or more
    private readonly Dictionary<ulong, List<IdentityLink>> _links = []; // by root: how the set came together, in log order
    private readonly Dictionary<ulong, List<ulong>> _rejected = []; // identifier → identifiers an unmerge separated it from
    private readonly Dictionary<ulong, List<CutLink>> _cuts = []; // by root: links unmerges cut from the set's identifiers

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
    /// Every join is remembered with <paramref name="source"/>, <paramref name="atMs"/>, <paramref name="lsn"/> and the
    /// <paramref name="confidence"/> the producer gave (an <c>identity.link</c> from a matcher may be less than certain).
    /// </summary>
    public ulong Resolve(ReadOnlySpan<Pseudonym> ids, List<(ulong From, ulong To)> merges, LinkSource source = LinkSource.Event, long atMs = 0,
        long lsn = 0, float confidence = 1f)
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
            if (_rejected.Count > 0 && Separated(root, r)) continue; // an unmerge or a reviewer said these are two people
            var (winner, loser, loserIsNew) = Better(root, r) ? (root, r, isNew) : (r, root, rootIsNew);
            // Two profiles meet only if neither side is new in this event: otherwise an identifier joins a profile.
            Union(winner, loser, new IdentityLink(first, id.Hash, source, confidence, atMs, lsn) { Merged = !isNew && !rootIsNew });
            // An identifier first seen in this very event has no profile yet: nothing to move.
            if (!loserIsNew) merges.Add((loser, winner));
            root = winner;
            rootIsNew = rootIsNew && isNew;
        }
        return root;
    }

    /// <summary>Links unmerges cut from a profile's identifiers, in log order.</summary>
    public IReadOnlyList<CutLink> Cuts(ulong root) => _cuts.TryGetValue(root, out var cuts) ? cuts : [];

    /// <summary>
    /// Unmerges: cuts every link between the identifiers in <paramref name="separate"/> and the rest of
    /// <paramref name="root"/>'s set and returns the roots of the sets that result (two, or more when a side was held
    /// together only through the other). The cut links are remembered: their two ends are never joined again.
    /// Returns an empty list when <paramref name="separate"/> holds none or all of the set's identifiers.
    /// </summary>
    public IReadOnlyList<ulong> Split(ulong root, IReadOnlySet<ulong> separate, long atMs, long lsn)
    {
        var members = Members(root);
        var inside = members.Count(m => separate.Contains(m.Hash));
        if (inside == 0 || inside == members.Count) return [];
        var links = Links(root);
        var kept = links.Where(l => separate.Contains(l.From) == separate.Contains(l.To)).ToList();
        var cut = links.Where(l => separate.Contains(l.From) != separate.Contains(l.To)).Select(l => new CutLink(l, atMs, lsn)).ToList();
        var cuts = Cuts(root).Concat(cut).ToList();
        _members.Remove(root);
        _links.Remove(root);
        _cuts.Remove(root);

        // Components of the kept links: each identifier starts alone, every kept link joins two.
        var component = members.ToDictionary(m => m.Hash, m => m.Hash);
        ulong Find(ulong x)
        {
            while (component[x] != x) x = component[x] = component[component[x]];
            return x;
        }
        foreach (var link in kept) component[Find(link.From)] = Find(link.To);
        var roots = new List<ulong>();
        foreach (var group in members.GroupBy(m => Find(m.Hash)))
        {
            var set = group.ToList();
            var best = set.Aggregate((a, b) => Better(a.Hash, b.Hash) ? a : b).Hash;
            roots.Add(best);
            foreach (var m in set) CollectionsMarshal.GetValueRefOrNullRef(_nodes, m.Hash).Parent = best;
            var ids = set.Select(m => m.Hash).ToHashSet();
            if (set.Count > 1) _members[best] = [.. set.OrderBy(m => m.Hash != best)];
            var own = kept.Where(l => ids.Contains(l.From)).ToList();
            if (own.Count > 0) _links[best] = own;
            var touching = cuts.Where(c => ids.Contains(c.Link.From) || ids.Contains(c.Link.To)).ToList();
            if (touching.Count > 0) _cuts[best] = touching;
        }
        foreach (var c in cut)
        {
            Reject(c.Link.From, c.Link.To);
            Reject(c.Link.To, c.Link.From);
        }
        return roots;
    }

    /// <summary>
    /// Remembers that two identifiers are two people (a reviewer rejected the matcher's candidate): their sets are never
    /// joined, and both show the rejected link among their cuts. Nothing happens when they are already one set.
    /// </summary>
    public void KeepApart(Pseudonym a, Pseudonym b, float confidence, long atMs, long lsn)
    {
        var (rootA, rootB) = (Add(a, out _), Add(b, out _));
        if (rootA == rootB) return;
        var cut = new CutLink(new IdentityLink(a.Hash, b.Hash, LinkSource.Matcher, confidence, atMs, lsn), atMs, lsn);
        foreach (var root in (ReadOnlySpan<ulong>)[rootA, rootB])
        {
            if (!_cuts.TryGetValue(root, out var cuts)) _cuts[root] = cuts = [];
            cuts.Add(cut);
        }
        Reject(a.Hash, b.Hash);
        Reject(b.Hash, a.Hash);
    }

    private void Reject(ulong a, ulong b)
    {
        if (!_rejected.TryGetValue(a, out var list)) _rejected[a] = list = [];
        if (!list.Contains(b)) list.Add(b);
    }

    /// <summary>Whether an unmerge keeps the profiles of two identifiers apart (false when either is unknown or they are one).</summary>
    public bool KeptApart(ulong a, ulong b)
    {
        if (_rejected.Count == 0 || !_nodes.ContainsKey(a) || !_nodes.ContainsKey(b)) return false;
        var (rootA, rootB) = (Root(a), Root(b));
        return rootA != rootB && Separated(rootA, rootB);
    }

    /// <summary>Whether an unmerge separated any identifier of one set from one of the other.</summary>
    private bool Separated(ulong rootA, ulong rootB)
    {
        foreach (var m in Members(rootA))
        {
            if (!_rejected.TryGetValue(m.Hash, out var others)) continue;
            foreach (var other in others) if (Root(other) == rootB) return true;
        }
        return false;
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
        if (_cuts.Remove(loser, out var loserCuts))
        {
            var cuts = _cuts.TryGetValue(winner, out var c) ? c : _cuts[winner] = [];
            cuts.AddRange(loserCuts);
            cuts.Sort((a, b) => a.Lsn.CompareTo(b.Lsn));
        }
    }

    /// <summary>Writes the graph; <see cref="Load"/> reads it back (format 2: with links; 3: with cut links).</summary>
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
            foreach (var link in links) WriteLink(w, link);
        }
        w.Write(_cuts.Count);
        foreach (var (root, cuts) in _cuts)
        {
            w.Write(root);
            w.Write(cuts.Count);
            foreach (var cut in cuts)
            {
                WriteLink(w, cut.Link);
                w.Write(cut.AtMs);
                w.Write(cut.Lsn);
            }
        }
    }

    private static void WriteLink(BinaryWriter w, IdentityLink link)
    {
        w.Write(link.From);
        w.Write(link.To);
        w.Write((byte)link.Source);
        w.Write(link.Confidence);
        w.Write(link.AtMs);
        w.Write(link.Lsn);
        w.Write(link.Merged);
    }

    private static IdentityLink ReadLink(BinaryReader r) =>
        new(r.ReadUInt64(), r.ReadUInt64(), (LinkSource)r.ReadByte(), r.ReadSingle(), r.ReadInt64(), r.ReadInt64()) { Merged = r.ReadBoolean() };

    /// <param name="format">The router checkpoint's format: 1 without links, 2 with links, 3 with cut links.</param>
    public static IdentityGraph Load(BinaryReader r, int format = 3)
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
        if (format < 2) return graph;
        for (var roots = r.ReadInt32(); roots > 0; roots--)
        {
            var root = r.ReadUInt64();
            var links = new List<IdentityLink>();
            for (var n = r.ReadInt32(); n > 0; n--) links.Add(ReadLink(r));
            graph._links[root] = links;
        }
        if (format < 3) return graph;
        for (var roots = r.ReadInt32(); roots > 0; roots--)
        {
            var root = r.ReadUInt64();
            var cuts = new List<CutLink>();
            for (var n = r.ReadInt32(); n > 0; n--) cuts.Add(new CutLink(ReadLink(r), r.ReadInt64(), r.ReadInt64()));
            graph._cuts[root] = cuts;
            foreach (var cut in cuts)
            {
                graph.Reject(cut.Link.From, cut.Link.To);
                graph.Reject(cut.Link.To, cut.Link.From);
            }
        }
        return graph;
    }

    private struct Node(ulong parent, IdentifierKind kind)
    {
        public ulong Parent = parent;
        public readonly IdentifierKind Kind = kind;
    }
}
