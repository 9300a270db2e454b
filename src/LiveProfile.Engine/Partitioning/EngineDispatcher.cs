using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Routes logged events, in log order, to their partitions: resolves identity (merging profiles
/// when an event joins two), groups commands per partition and delivers each group as one batch.
/// Single caller at a time (the ingest pipeline's apply loop, or a replay).
/// </summary>
public sealed class EngineDispatcher
{
    private readonly IPartitionHost _host;
    private readonly List<PartitionCommand>[] _pending;
    private readonly List<(ulong From, ulong To)> _merges = [];
    private readonly Task[] _tasks;
    // The identity graph is written by the dispatching caller and read by queries on other threads.
    private readonly Lock _identityLock = new();

    public EngineDispatcher(IPartitionHost host, IdentityGraph identity, long appliedLsn = 0, long watermarkMs = long.MinValue)
    {
        _host = host;
        Identity = identity;
        AppliedLsn = appliedLsn;
        WatermarkMs = watermarkMs;
        _pending = new List<PartitionCommand>[host.Partitions];
        for (var i = 0; i < _pending.Length; i++) _pending[i] = [];
        _tasks = new Task[host.Partitions];
    }

    public IdentityGraph Identity { get; }
    public int Partitions => _host.Partitions;

    /// <summary>Last log position routed and delivered.</summary>
    public long AppliedLsn { get; private set; }

    /// <summary>The engine's event-time clock: the newest event time routed.</summary>
    public long WatermarkMs { get; private set; }

    public long MergeCount { get; private set; }

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

    /// <summary>The identifiers of a profile (a copy, safe to keep).</summary>
    public IReadOnlyList<Pseudonym> Members(ulong profile)
    {
        lock (_identityLock) return [.. Identity.Members(profile)];
    }

    /// <summary>Routes and delivers events whose log positions are consecutive and greater than <see cref="AppliedLsn"/>.</summary>
    public async Task DispatchAsync(IReadOnlyList<(long Lsn, EventRecord Event)> events)
    {
        foreach (var (lsn, e) in events)
        {
            if (lsn <= AppliedLsn) continue; // already in the checkpoint
            if (e.TsMs > WatermarkMs && e.Type.RequiresUser()) WatermarkMs = e.TsMs;
            if (!e.Type.RequiresUser() && e.Ids.Count == 0)
            {
                var broadcast = new PartitionCommand(lsn, 0, e);
                foreach (var list in _pending) list.Add(broadcast);
                AppliedLsn = lsn;
                continue;
            }
            _merges.Clear();
            var ids = e.Type == EventType.IdentityLink && e.Props.LinkedIds is { } linked ? [.. e.Ids, .. linked] : e.Ids;
            ulong profile;
            lock (_identityLock) profile = Identity.Resolve(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids), _merges);
            if (_merges.Count > 0) await MergeAsync(lsn).ConfigureAwait(false);
            if (profile != 0) _pending[Partitioner.PartitionOf(profile, Partitions)].Add(new PartitionCommand(lsn, profile, e));
            AppliedLsn = lsn;
        }
        await FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Delivers pending commands and moves every partition's clock.</summary>
    public async Task FlushAsync()
    {
        for (var p = 0; p < _pending.Length; p++) _tasks[p] = _host.ApplyAsync(p, _pending[p], WatermarkMs);
        await Task.WhenAll(_tasks).ConfigureAwait(false);
        // Hosts apply a batch before their task completes and keep no reference: the lists are reused.
        foreach (var list in _pending) list.Clear();
    }

    private async Task MergeAsync(long lsn)
    {
        // Everything routed before this event must be applied first: the extracted state has to include it.
        await FlushAsync().ConfigureAwait(false);
        foreach (var (from, to) in _merges)
        {
            var state = await _host.ExtractAsync(Partitioner.PartitionOf(from, Partitions), from, lsn).ConfigureAwait(false);
            if (state is not null) await _host.AbsorbAsync(Partitioner.PartitionOf(to, Partitions), to, state, lsn).ConfigureAwait(false);
            MergeCount++;
        }
    }
}
