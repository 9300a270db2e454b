using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Rebuilds the profiles of sets of identifiers from the log alone, for an unmerge: the world's events and the events
/// of those identifiers are replayed into a scratch engine of one partition and no tags, each set as one person apart
/// from everyone else; the result is each set's profile exactly as if the wrong link had never been made. An event that
/// carries identifiers of several sets counts for the set of its first identifier (as routing does after the unmerge).
/// </summary>
internal sealed class ProfileRebuilder(EngineOptions options, IEventHistory history)
{
    /// <summary>Whether the history an exact rebuild needs is all kept.</summary>
    public bool CanRebuild => history.Complete;

    private const int BatchSize = 4096;

    /// <summary>
    /// The portable state (as <see cref="PartitionEngine.Extract"/> writes it) of each set's profile, keyed by the set's
    /// root, from the events before <paramref name="beforeLsn"/>, settled at <paramref name="watermarkMs"/>; a set
    /// without events has none.
    /// </summary>
    public async Task<Dictionary<ulong, byte[]>> RebuildAsync(IReadOnlyList<(ulong Root, IReadOnlySet<ulong> Members)> sets, long beforeLsn,
        long watermarkMs)
    {
        var setOf = new Dictionary<ulong, int>();
        for (var i = 0; i < sets.Count; i++) foreach (var member in sets[i].Members) setOf[member] = i;
        var host = new LocalPartitionHost(options with { Partitions = 1 }, tags: new TagRuntime(1, CompiledTaxonomy.None));
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        var batch = new List<(long, EventRecord)>(BatchSize);
        var last = 0L;
        foreach (var (lsn, e) in history.Before(beforeLsn))
        {
            if (lsn >= beforeLsn) break;
            last = lsn;
            if (Relevant(e, setOf) is not { } kept) continue;
            batch.Add((lsn, kept));
            if (batch.Count < BatchSize) continue;
            await dispatcher.DispatchAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
        await dispatcher.DispatchAsync(batch).ConfigureAwait(false);
        var engine = host.Engines[0];
        engine.Tick(watermarkMs);
        var states = new Dictionary<ulong, byte[]>();
        foreach (var (root, _) in sets)
        {
            if (engine.Extract(root, last + 1) is { } state) states[root] = state;
        }
        return states;
    }

    /// <summary>The event as the sets see it: world events whole, a set's events with only that set's identifiers, others none.</summary>
    private static EventRecord? Relevant(EventRecord e, Dictionary<ulong, int> setOf)
    {
        if (!e.Type.RequiresUser()) return e;
        if (e.Type is EventType.IdentityUnmerge or EventType.IdentityReject) return null;
        var ids = e.Type.IsLink() && e.Props.LinkedIds is { } linked ? [.. e.Ids, .. linked] : e.Ids;
        var set = -1;
        foreach (var id in ids)
        {
            if (id.Kind == IdentifierKind.Nickname) continue;
            // The first identifier decides, as routing does when an unmerge keeps two of them apart.
            set = setOf.TryGetValue(id.Hash, out var s) ? s : -2;
            break;
        }
        if (set < 0) return null;
        var own = ids.Where(id => id.Kind == IdentifierKind.Nickname || (setOf.TryGetValue(id.Hash, out var s) && s == set)).ToList();
        if (!e.Type.IsLink()) return e.WithIds(own);
        // A link keeps its own side's identifiers only: the props (and the other side) stay behind.
        return new EventRecord { Tenant = e.Tenant, Id = e.Id, Type = e.Type, TsMs = e.TsMs, ReceivedMs = e.ReceivedMs, Ids = own };
    }
}
