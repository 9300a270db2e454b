using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveProfile.Engine.Partitioning.Live;

/// <summary>
/// Live visits of one partition as presence intervals per (profile, session), measured the same whatever order their
/// events arrive in (concurrent producers, retries, late events). An event inside a known visit adds nothing; otherwise
/// it is a visit of its own that merges with its neighbours when they continue each other (no leave or join between
/// them, a gap within the heartbeat timeout). A visit's dwell is counted once it is closed, by a leave or by no presence
/// for the heartbeat timeout in event time; closed visits are remembered for the allowed lateness, so that a late event
/// widens its visit, and only the difference is counted, instead of starting a visit of its own.
/// </summary>
/// <remarks>
/// What stays approximate: a join or leave that arrives after events on both sides of it have formed one visit does not
/// split it; an event later than the allowed lateness starts a visit of its own. Both only happen out of order.
/// </remarks>
internal sealed class LiveVisits(long timeoutMs, long latenessMs)
{
    /// <summary>Visits remembered per session of a profile; beyond it the oldest is closed and forgotten.</summary>
    public const int MaxPerSession = 16;

    private readonly Dictionary<(ulong Profile, int Session), SessionVisits> _visits = [];
    private readonly ExpiryQueue<(ulong Profile, int Session)> _due = new(); // per session held; entries not at its DueMs are stale
    private readonly List<((ulong Profile, int Session) Key, long DueMs)> _taken = [];
    private readonly List<(ulong Profile, int Session, object? Owner)> _left = [];

    /// <summary>Called with the dwell to add: the whole of a visit that closed, or what a late event added to a closed one.</summary>
    /// <param name="owner">The caller's object for the profile, when it gave one (it may since have gone: merged, erased).</param>
    public delegate void DwellCounter(ulong profile, object? owner, int session, long joinMs, int seconds);

    /// <summary>Sessions with visits held (open, or closed and still within the allowed lateness).</summary>
    public int Count => _visits.Count;

    /// <returns>Whether the viewer is in the session after the event: its newest visit is open (not left, not timed out).</returns>
    /// <param name="owner">The caller's object for the profile, handed back with <see cref="LeftBySweep"/> (saves it a lookup).</param>
    public bool Record(ulong profile, int session, long tsMs, PresenceKind kind, long watermarkMs, DwellCounter count, object? owner = null)
    {
        var edges = kind switch { PresenceKind.Join => PresenceEdges.Joined, PresenceKind.Leave => PresenceEdges.Left, _ => PresenceEdges.None };
        var key = (profile, session);
        ref var stored = ref CollectionsMarshal.GetValueRefOrNullRef(_visits, key);
        if (!Unsafe.IsNullRef(ref stored))
        {
            owner = stored.Owner = owner ?? stored.Owner;
            var held = stored.AsSpan();
            // The common case, a heartbeat in order: the newest visit goes on, widened in place.
            var newest = held[^1];
            if (tsMs > newest.LastMs && newest.ContinuesInto(new PresenceInterval(tsMs, tsMs, 0, edges), timeoutMs))
            {
                held[^1] = Settle(key, owner, newest with { LastMs = tsMs, Edges = newest.Edges | edges }, watermarkMs, count);
                return Mark(ref stored, watermarkMs);
            }
            for (var i = 0; i < held.Length; i++)
            {
                var visit = held[i];
                if (!visit.Contains(tsMs)) continue;
                // Inside a known visit: only a join at its very start or a leave at its very end says something new.
                if (kind == PresenceKind.Join && tsMs == visit.JoinMs) held[i] = visit with { Edges = visit.Edges | PresenceEdges.Joined };
                else if (kind == PresenceKind.Leave && tsMs == visit.LastMs) held[i] = Settle(key, owner, visit with { Edges = visit.Edges | edges }, watermarkMs, count);
                return Mark(ref stored, watermarkMs);
            }
        }
        return Mark(ref Add(key, new PresenceInterval(tsMs, tsMs, 0, edges), watermarkMs, count, owner), watermarkMs);
    }

    /// <summary>
    /// Adds a visit measured elsewhere (a merged identity's), merged with the ones held that it overlaps or continues;
    /// returns whether the viewer is in the session after it.
    /// </summary>
    public bool Add(ulong profile, int session, PresenceInterval visit, long watermarkMs, DwellCounter count)
    {
        return Mark(ref Add((profile, session), visit, watermarkMs, count, owner: null), watermarkMs);
    }

    /// <summary>The sessions whose viewer the latest <see cref="Sweep"/> found gone (every visit closed by time-out).</summary>
    public IReadOnlyList<(ulong Profile, int Session, object? Owner)> LeftBySweep => _left;

    /// <summary>Marks who is in which session at <paramref name="watermarkMs"/> after a restore, and returns them.</summary>
    public List<(ulong Profile, int Session)> RestorePresence(long watermarkMs)
    {
        var present = new List<(ulong, int)>();
        foreach (var key in _visits.Keys.ToList())
        {
            ref var stored = ref CollectionsMarshal.GetValueRefOrNullRef(_visits, key);
            if (stored.Present = IsOpen(stored.AsSpan()[^1], watermarkMs)) present.Add(key);
        }
        return present;
    }

    /// <summary>
    /// Counts visits that closed by timeout; forgets closed visits older than the allowed lateness. Touches only the
    /// sessions with something due.
    /// </summary>
    public void Sweep(long watermarkMs, DwellCounter count)
    {
        _left.Clear();
        if (watermarkMs == long.MinValue) return;
        _due.TakeDue(watermarkMs - timeoutMs, _taken);
        foreach (var (key, dueMs) in _taken)
        {
            ref var stored = ref CollectionsMarshal.GetValueRefOrNullRef(_visits, key);
            // Removed with its profile, or scheduled sooner since (a new visit): that entry, not this one, is the session's.
            if (Unsafe.IsNullRef(ref stored) || stored.DueMs != dueMs) continue;
            var held = stored.AsSpan();
            var wasPresent = stored.Present;
            var keep = 0;
            for (var i = 0; i < held.Length; i++)
            {
                held[i] = Settle(key, stored.Owner, held[i], watermarkMs, count);
                if (!IsOlderThan(held[i], timeoutMs + latenessMs, watermarkMs)) keep++;
            }
            if (keep == 0)
            {
                if (wasPresent) _left.Add((key.Profile, key.Session, stored.Owner));
                _visits.Remove(key); // after reading the entry: removing clears it
                continue;
            }
            if (keep < held.Length)
            {
                var kept = 0;
                foreach (var v in held) if (!IsOlderThan(v, timeoutMs + latenessMs, watermarkMs)) held[kept++] = v;
                stored.Truncate(kept);
                held = stored.AsSpan();
            }
            if (wasPresent && !(stored.Present = IsOpen(held[^1], watermarkMs))) _left.Add((key.Profile, key.Session, stored.Owner));
            _due.Schedule(key, stored.DueMs = NextDue(held, watermarkMs));
        }
        _taken.Clear();
    }

    /// <summary>
    /// When the sweep must look at a session again, as the last-sign time it waits for event time to pass by the
    /// timeout: the time-out of a visit not yet closed, else the end of the allowed lateness of the oldest.
    /// </summary>
    private long NextDue(ReadOnlySpan<PresenceInterval> held, long watermarkMs)
    {
        var due = long.MaxValue;
        foreach (var v in held)
        {
            var closed = v.EndsWithLeave || IsOlderThan(v, timeoutMs, watermarkMs);
            due = Math.Min(due, closed ? v.LastMs + latenessMs : v.LastMs);
        }
        return due;
    }

    /// <summary>The visits held for <paramref name="profile"/>, by session.</summary>
    public List<(int Session, PresenceInterval Visit)> Of(ulong profile) =>
        [.. _visits.Where(v => v.Key.Profile == profile).SelectMany(v => v.Value.ToArray().Select(visit => (v.Key.Session, visit)))];

    public void Remove(ulong profile)
    {
        foreach (var key in _visits.Keys.Where(k => k.Profile == profile).ToList()) _visits.Remove(key);
    }

    public void Save(BinaryWriter w)
    {
        w.Write(_visits.Count);
        foreach (var ((profile, session), visits) in _visits)
        {
            w.Write(profile);
            w.Write(session);
            var held = visits; // a copy: the loop's variable is read-only, and AsSpan lends the entry's own field
            w.Write((byte)held.Length);
            foreach (var v in held.AsSpan())
            {
                w.Write(v.JoinMs);
                w.Write(v.LastMs);
                w.Write(v.CountedSeconds);
                w.Write((byte)v.Edges);
            }
        }
    }

    public void Load(BinaryReader r)
    {
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var key = (r.ReadUInt64(), r.ReadInt32());
            var held = new PresenceInterval[r.ReadByte()];
            if (held.Length == 0) throw new InvalidDataException("a session without visits in the checkpoint");
            for (var i = 0; i < held.Length; i++) held[i] = new PresenceInterval(r.ReadInt64(), r.ReadInt64(), r.ReadInt32(), (PresenceEdges)r.ReadByte());
            var due = held.Min(v => v.LastMs);
            _visits[key] = new SessionVisits(held) { DueMs = due };
            _due.Schedule(key, due);
        }
    }

    /// <summary>Checkpoint format 2 kept one open visit per session, nothing counted for it yet.</summary>
    public void LoadOpenVisits(BinaryReader r)
    {
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var key = (r.ReadUInt64(), r.ReadInt32());
            var visit = new PresenceInterval(r.ReadInt64(), r.ReadInt64(), 0, PresenceEdges.None);
            _visits[key] = new SessionVisits(visit) { DueMs = visit.LastMs };
            _due.Schedule(key, visit.LastMs);
        }
    }

    /// <summary>Adds a visit to its session's; returns the stored entry.</summary>
    private ref SessionVisits Add((ulong Profile, int Session) key, PresenceInterval visit, long watermarkMs, DwellCounter count, object? owner)
    {
        ref var stored = ref CollectionsMarshal.GetValueRefOrAddDefault(_visits, key, out var exists);
        if (!exists)
        {
            stored = new SessionVisits(Settle(key, owner, visit, watermarkMs, count)) { DueMs = visit.LastMs, Owner = owner };
            _due.Schedule(key, visit.LastMs);
            return ref stored;
        }
        owner = stored.Owner = owner ?? stored.Owner;
        var held = stored.AsSpan();
        var at = 0;
        while (at < held.Length && held[at].JoinMs <= visit.JoinMs) at++;
        // Most late events widen a neighbour, merged in place; a visit of its own is inserted.
        if (at > 0 && Joins(held[at - 1], visit) || at < held.Length && Joins(visit, held[at]))
        {
            var into = at > 0 && Joins(held[at - 1], visit) ? at - 1 : at;
            held[into] = held[into].Union(visit);
            var bridged = into + 1 < held.Length && Joins(held[into], held[into + 1]) || into > 0 && Joins(held[into - 1], held[into]);
            if (!bridged)
            {
                held[into] = Settle(key, owner, held[into], watermarkMs, count);
                ScheduleSooner(ref stored, key, watermarkMs);
                return ref stored;
            }
            into = Coalesce(held, into, out var remaining);
            held[into] = Settle(key, owner, held[into], watermarkMs, count);
            stored.Truncate(remaining);
            ScheduleSooner(ref stored, key, watermarkMs);
            return ref stored;
        }
        stored.Insert(at, visit);
        var grown = stored.AsSpan();
        at = Coalesce(grown, at, out var length);
        grown[at] = Settle(key, owner, grown[at], watermarkMs, count);
        stored.Truncate(length);
        if (length > MaxPerSession)
        {
            // The oldest goes, counted first as if its time had come.
            Settle(key, owner, grown[0], long.MaxValue, count);
            stored.RemoveOldest();
        }
        ScheduleSooner(ref stored, key, watermarkMs);
        return ref stored;
    }

    /// <summary>
    /// Schedules the session sooner when a visit it now holds falls due before its entry (a new visit in a session whose
    /// earlier visits only wait for the end of their lateness): the new visit's time-out must not wait for that.
    /// </summary>
    private void ScheduleSooner(ref SessionVisits stored, (ulong Profile, int Session) key, long watermarkMs)
    {
        var due = NextDue(stored.AsSpan(), watermarkMs);
        if (due >= stored.DueMs) return;
        _due.Schedule(key, stored.DueMs = due);
    }

    /// <summary>
    /// Keeps a session's presence: in while its newest visit is open. An older visit not yet swept does not count: a later
    /// visit began, so the viewer left it.
    /// </summary>
    private bool Mark(ref SessionVisits stored, long watermarkMs) => stored.Present = IsOpen(stored.AsSpan()[^1], watermarkMs);

    private bool IsOpen(PresenceInterval visit, long watermarkMs) => !visit.EndsWithLeave && !IsOlderThan(visit, timeoutMs, watermarkMs);

    /// <summary>
    /// Merges the visit at <paramref name="at"/> with the neighbours it overlaps or continues; returns its new index and,
    /// in <paramref name="length"/>, how many visits remain at the front of <paramref name="visits"/>.
    /// </summary>
    private int Coalesce(Span<PresenceInterval> visits, int at, out int length)
    {
        length = visits.Length;
        while (at > 0 && Joins(visits[at - 1], visits[at]))
        {
            visits[at - 1] = visits[at - 1].Union(visits[at]);
            visits[(at + 1)..length].CopyTo(visits[at..]);
            length--;
            at--;
        }
        while (at + 1 < length && Joins(visits[at], visits[at + 1]))
        {
            visits[at] = visits[at].Union(visits[at + 1]);
            visits[(at + 2)..length].CopyTo(visits[(at + 1)..]);
            length--;
        }
        return at;
    }

    /// <summary>
    /// The visits of one session, oldest first: nearly always one, held inline in the map's entry (no array to allocate
    /// and no second cache miss); an array only when a viewer left and came back, grown by doubling and reused as visits
    /// come and go (a returning viewer adds one visit at a time).
    /// </summary>
    private struct SessionVisits
    {
        private PresenceInterval _single;
        private PresenceInterval[]? _many;
        private int _count; // visits held in _many, when it is in use

        public SessionVisits(PresenceInterval single) => _single = single;

        public SessionVisits(PresenceInterval[] visits)
        {
            if (visits.Length == 1) _single = visits[0];
            else (_many, _count) = (visits, visits.Length);
        }

        /// <summary>The caller's object for the profile, when it gave one.</summary>
        public object? Owner;

        /// <summary>When the session's queue entry is due; entries for other times are stale.</summary>
        public long DueMs;

        /// <summary>The viewer is in the session: as last reported by <see cref="Record"/>, <see cref="Add(ulong, int, PresenceInterval, long, DwellCounter)"/> or a sweep.</summary>
        public bool Present;

        public readonly int Length => _many is null ? 1 : _count;

        /// <summary>The visits, writable in place: use it on the stored entry (through a ref), not on a copy.</summary>
        [UnscopedRef]
        public Span<PresenceInterval> AsSpan() => _many is { } many ? many.AsSpan(0, _count) : MemoryMarshal.CreateSpan(ref _single, 1);

        /// <summary>Inserts a visit before the one at <paramref name="at"/>.</summary>
        public void Insert(int at, PresenceInterval visit)
        {
            if (_many is null)
            {
                _many = new PresenceInterval[4];
                _many[0] = _single;
                _count = 1;
            }
            else if (_count == _many.Length) Array.Resize(ref _many, _count * 2);
            Array.Copy(_many, at, _many, at + 1, _count - at);
            _many[at] = visit;
            _count++;
        }

        /// <summary>Keeps the first <paramref name="length"/> visits (at least one).</summary>
        public void Truncate(int length)
        {
            if (_many is not null) _count = length;
        }

        /// <summary>Forgets the oldest visit.</summary>
        public void RemoveOldest() => Array.Copy(_many!, 1, _many!, 0, --_count);

        public readonly PresenceInterval[] ToArray() => _many is { } many ? many[.._count] : [_single];
    }

    private bool Joins(PresenceInterval earlier, PresenceInterval later) =>
        later.JoinMs <= earlier.LastMs || earlier.ContinuesInto(later, timeoutMs);

    /// <summary>Counts what a closed visit has not had counted yet.</summary>
    private PresenceInterval Settle((ulong Profile, int Session) key, object? owner, PresenceInterval visit, long watermarkMs, DwellCounter count)
    {
        if (!visit.EndsWithLeave && !IsOlderThan(visit, timeoutMs, watermarkMs)) return visit;
        var seconds = visit.Seconds;
        if (seconds <= visit.CountedSeconds) return visit;
        count(key.Profile, owner, key.Session, visit.JoinMs, seconds - visit.CountedSeconds);
        return visit with { CountedSeconds = seconds };
    }

    /// <summary>Whether event time is more than <paramref name="ms"/> past the visit's last sign (never before any event time).</summary>
    private static bool IsOlderThan(PresenceInterval visit, long ms, long watermarkMs) =>
        watermarkMs != long.MinValue && watermarkMs - visit.LastMs > ms;
}
