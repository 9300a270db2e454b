using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Tags;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Routes logged events, in log order, to their partitions: resolves identity (merging profiles
/// when an event joins two), groups commands per partition and delivers each group as one batch.
/// Delivery is pipelined: while the partitions apply one hand-off, the next batch is routed, and up to
/// <see cref="HandOffsInFlight"/> hand-offs are out at once, so that a partition done with one starts on the next
/// while a slower one finishes (no core idles at a batch's tail); a partition still receives its batches one at a
/// time, in order.
/// Single caller at a time (the ingest pipeline's apply loop, or a replay).
/// </summary>
public sealed class EngineDispatcher
{
    /// <summary>Hand-offs out at once: the one the partitions apply, and the next, which each starts as soon as it is done.</summary>
    private const int HandOffsInFlight = 2;

    private readonly IPartitionHost _host;
    private List<PartitionCommand>[] _pending;
    private readonly Queue<(List<PartitionCommand>[] Lists, Task Applied, long Lsn)> _inFlight = new();
    private readonly Stack<List<PartitionCommand>[]> _spareLists = new();
    private readonly Task[] _partitionTails; // each partition's latest hand-off: the next one starts after it
    private readonly List<(ulong From, ulong To)> _merges = [];
    private ProfileRebuilder? _rebuilder;
    // The identity graph is written by the dispatching caller and read by queries on other threads.
    private readonly Lock _identityLock = new();

    public EngineDispatcher(IPartitionHost host, IdentityGraph identity, long appliedLsn = 0, long watermarkMs = long.MinValue)
    {
        _host = host;
        Identity = identity;
        AppliedLsn = RoutedLsn = appliedLsn;
        WatermarkMs = watermarkMs;
        _pending = NewLists(host.Partitions);
        _partitionTails = [.. Enumerable.Repeat(Task.CompletedTask, host.Partitions)];
    }

    public IdentityGraph Identity { get; }

    /// <summary>Where merges and unmerges are announced (the change feed), as <see cref="TagChangeKind.Merged"/> and <see cref="TagChangeKind.Unmerged"/> of <c>identity</c>.</summary>
    public ITagChangeSink? Changes { get; set; }

    /// <summary>Where unmerges read the log to rebuild the profiles they separate; without it an unmerge fails.</summary>
    public void UseHistory(EngineOptions options, IEventHistory history) => _rebuilder = new ProfileRebuilder(options, history);

    /// <summary>Whether an unmerge keeps the profiles of two identifiers apart.</summary>
    public bool KeptApart(ulong a, ulong b)
    {
        lock (_identityLock) return Identity.KeptApart(a, b);
    }

    /// <summary>Links unmerges cut from a profile's identifiers (a copy, safe to keep).</summary>
    public IReadOnlyList<CutLink> Cuts(ulong profile)
    {
        lock (_identityLock) return [.. Identity.Cuts(profile)];
    }

    public int Partitions => _host.Partitions;

    /// <summary>Last log position applied by every partition it concerns.</summary>
    public long AppliedLsn { get; private set; }

    /// <summary>Last log position routed (applied, or handed to the partitions).</summary>
    public long RoutedLsn { get; private set; }

    /// <summary>The engine's event-time clock: the newest time of a user event routed (<see cref="EventTypes.MovesClock"/>).</summary>
    public long WatermarkMs { get; private set; }

    /// <summary>The canonical profile of an identifier, and its partition (profile 0 when unknown).</summary>
    public (ulong Profile, int Partition) Locate(ulong pseudonymHash)
    {
        ulong profile;
        lock (_identityLock) profile = Identity.Find(pseudonymHash);
        return (profile, profile == 0 ? -1 : Partitioner.PartitionOf(profile, Partitions));
    }

    /// <summary>Saves the identity graph, consistent with concurrent queries.</summary>
    public void SaveIdentity(BinaryWriter writer)
    {
        lock (_identityLock) Identity.Save(writer);
    }

    /// <summary>How a profile's identifiers came together (a copy, safe to keep).</summary>
    public IReadOnlyList<IdentityLink> Links(ulong profile)
    {
        lock (_identityLock) return [.. Identity.Links(profile)];
    }

    /// <summary>The identifiers of a profile (a copy, safe to keep).</summary>
    public IReadOnlyList<Pseudonym> Members(ulong profile)
    {
        lock (_identityLock) return [.. Identity.Members(profile)];
    }

    /// <summary>
    /// Routes and delivers events whose log positions are consecutive and greater than <see cref="RoutedLsn"/>.
    /// With <paramref name="drain"/> false it returns once the batch is handed over, so that the
    /// caller can route the next one while the partitions apply this one; call <see cref="DrainAsync"/> before
    /// relying on <see cref="AppliedLsn"/>.
    /// </summary>
    public async Task DispatchAsync(IReadOnlyList<(long Lsn, EventRecord Event)> events, bool drain = true)
    {
        foreach (var (lsn, e) in events)
        {
            if (lsn <= RoutedLsn) continue; // already in the checkpoint
            if (e.TsMs > WatermarkMs && e.Type.MovesClock()) WatermarkMs = e.TsMs;
            if (!e.Type.RequiresUser())
            {
                // Catalog, room-level and external signals describe the world, not a person: a `user`
                // they may carry does not make a profile.
                var broadcast = new PartitionCommand(lsn, 0, e);
                foreach (var list in _pending) list.Add(broadcast);
                RoutedLsn = lsn;
                continue;
            }
            if (e.Type == EventType.IdentityUnmerge)
            {
                await UnmergeAsync(lsn, e).ConfigureAwait(false);
                RoutedLsn = lsn;
                continue;
            }
            if (e.Type == EventType.IdentityReject)
            {
                KeepApart(lsn, e);
                RoutedLsn = lsn;
                continue;
            }
            _merges.Clear();
            var ids = e.Type.IsLink() && e.Props.LinkedIds is { } linked ? [.. e.Ids, .. linked] : e.Ids;
            ulong profile;
            var (source, confidence) = e.Type switch
            {
                EventType.IdentityLink => (LinkSource.IdentityLink, (float)(e.Props.Confidence ?? 1)),
                EventType.IdentityMatch => (LinkSource.Matcher, (float)(e.Props.Confidence ?? 1)),
                _ => (LinkSource.Event, 1f),
            };
            lock (_identityLock)
            {
                profile = Identity.Resolve(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids), _merges, source, e.TsMs, lsn, confidence);
            }
            if (_merges.Count > 0) await MergeAsync(lsn).ConfigureAwait(false);
            if (profile != 0) _pending[Partitioner.PartitionOf(profile, Partitions)].Add(new PartitionCommand(lsn, profile, e));
            RoutedLsn = lsn;
        }
        await FlushAsync().ConfigureAwait(false);
        if (drain) await DrainAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Hands the pending commands to the partitions and moves their clocks; each partition applies them after its previous
    /// hand-off. Waits first while <see cref="HandOffsInFlight"/> hand-offs are out.
    /// </summary>
    public async Task FlushAsync()
    {
        while (_inFlight.Count >= HandOffsInFlight) await CompleteOldestAsync().ConfigureAwait(false);
        var lists = _pending;
        _pending = _spareLists.Count > 0 ? _spareLists.Pop() : NewLists(Partitions);
        var applied = new Task[lists.Length];
        for (var p = 0; p < lists.Length; p++) applied[p] = _partitionTails[p] = ApplyAfterAsync(_partitionTails[p], p, lists[p], WatermarkMs);
        _inFlight.Enqueue((lists, Task.WhenAll(applied), RoutedLsn));
    }

    /// <summary>Waits until everything handed over is applied; then <see cref="AppliedLsn"/> equals <see cref="RoutedLsn"/>.</summary>
    public async Task DrainAsync()
    {
        while (_inFlight.Count > 0) await CompleteOldestAsync().ConfigureAwait(false);
    }

    private async Task ApplyAfterAsync(Task previous, int partition, List<PartitionCommand> batch, long watermarkMs)
    {
        await previous.ConfigureAwait(false);
        await _host.ApplyAsync(partition, batch, watermarkMs).ConfigureAwait(false);
    }

    /// <summary>Waits for the oldest hand-off out; its log position is then applied, and its lists are free again.</summary>
    private async Task CompleteOldestAsync()
    {
        var (lists, applied, lsn) = _inFlight.Peek();
        await applied.ConfigureAwait(false); // a failed hand-off stays at the head: every later wait fails with it
        _inFlight.Dequeue();
        // Hosts apply a batch before their task completes and keep no reference: the lists are reused.
        foreach (var list in lists) list.Clear();
        _spareLists.Push(lists);
        AppliedLsn = lsn;
    }

    /// <summary>Steps every partition without events (they continue pending tag work: a backfill, a day sweep).</summary>
    public async Task StepAsync()
    {
        await FlushAsync().ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
    }

    private static List<PartitionCommand>[] NewLists(int partitions)
    {
        var lists = new List<PartitionCommand>[partitions];
        for (var i = 0; i < lists.Length; i++) lists[i] = [];
        return lists;
    }

    /// <summary>A rejected candidate (<c>identity.reject</c>): the two sides are remembered as apart, like an unmerge's cut.</summary>
    private void KeepApart(long lsn, EventRecord e)
    {
        if (e.Ids.Count == 0 || e.Props.LinkedIds is not { Count: > 0 } others) return;
        lock (_identityLock)
        {
            foreach (var other in others) Identity.KeepApart(e.Ids[0], other, (float)(e.Props.Confidence ?? 0), e.TsMs, lsn);
        }
    }

    /// <summary>
    /// Splits identifiers off a profile (<see cref="IdentityGraph.Split"/>) and replaces the profile with the profiles
    /// of the sets that result, each rebuilt from the log as if the cut links had never been made.
    /// </summary>
    private async Task UnmergeAsync(long lsn, EventRecord e)
    {
        // Everything routed before must be applied: the rebuilt profiles replace what the partitions hold now.
        await FlushAsync().ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
        if (e.Ids.Count == 0 || e.Props.LinkedIds is not { Count: > 0 } separate) return;
        if (_rebuilder is null) throw new InvalidOperationException("An unmerge needs the event history: call UseHistory first.");
        if (!_rebuilder.CanRebuild)
        {
            // The server refuses unmerges without the whole log; one logged before the log lost its start stays undone.
            ulong profile;
            lock (_identityLock) profile = Identity.Find(e.Ids[0].Hash);
            Announce(profile, TagChangeKind.Unmerged, $"not done: the log no longer holds the history it replays (log position {lsn})");
            return;
        }
        ulong merged;
        var sets = new List<(ulong Root, IReadOnlySet<ulong> Members)>();
        lock (_identityLock)
        {
            merged = Identity.Find(e.Ids[0].Hash);
            if (merged == 0) return;
            foreach (var root in Identity.Split(merged, separate.Select(id => id.Hash).ToHashSet(), e.TsMs, lsn))
            {
                sets.Add((root, Identity.Members(root).Select(m => m.Hash).ToHashSet()));
            }
        }
        if (sets.Count == 0) return;
        var states = await _rebuilder.RebuildAsync(sets, lsn, WatermarkMs).ConfigureAwait(false);
        await _host.ExtractAsync(Partitioner.PartitionOf(merged, Partitions), merged, lsn).ConfigureAwait(false);
        foreach (var (root, state) in states)
        {
            var partition = Partitioner.PartitionOf(root, Partitions);
            await _host.AbsorbAsync(partition, root, state, lsn).ConfigureAwait(false);
            // The partition records the unmerge as applied, so that a replay after its checkpoint does not redo it.
            _pending[partition].Add(new PartitionCommand(lsn, root, e));
            Announce(root, TagChangeKind.Unmerged, $"split off profile:{merged:x16} and rebuilt from the log (log position {lsn})");
        }
    }

    private void Announce(ulong profile, TagChangeKind kind, string reason) =>
        Changes?.Publish(new TagChange(profile, "identity", kind, 0, 0, WatermarkMs, 0, reason));

    private async Task MergeAsync(long lsn)
    {
        // Everything routed before this event must be applied first: the extracted state has to include it.
        await FlushAsync().ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
        foreach (var (from, to) in _merges)
        {
            var state = await _host.ExtractAsync(Partitioner.PartitionOf(from, Partitions), from, lsn).ConfigureAwait(false);
            if (state is null) continue; // applied before the checkpoint this replay started from
            await _host.AbsorbAsync(Partitioner.PartitionOf(to, Partitions), to, state, lsn).ConfigureAwait(false);
            Announce(to, TagChangeKind.Merged, $"profile:{from:x16} merged into it (log position {lsn})");
        }
    }
}
