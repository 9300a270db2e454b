namespace LiveProfile.Engine.Partitioning.Live;

/// <summary>
/// One visit of a viewer to a live session as far as its events have arrived: from its first to its last sign of
/// presence, with the dwell already counted for it (counted when the visit closes, and again by the difference when
/// a late event widens a closed visit).
/// </summary>
internal readonly record struct PresenceInterval(long JoinMs, long LastMs, int CountedSeconds, PresenceEdges Edges)
{
    public int Seconds => (int)Math.Min(int.MaxValue, (LastMs - JoinMs) / 1000);

    public bool StartsWithJoin => (Edges & PresenceEdges.Joined) != 0;

    public bool EndsWithLeave => (Edges & PresenceEdges.Left) != 0;

    public bool Contains(long tsMs) => JoinMs <= tsMs && tsMs <= LastMs;

    /// <summary>
    /// Whether <paramref name="later"/> continues this visit: no leave ends this one, no join starts the later one, and
    /// the gap between them is within the heartbeat timeout.
    /// </summary>
    public bool ContinuesInto(PresenceInterval later, long timeoutMs) =>
        !EndsWithLeave && !later.StartsWithJoin && later.JoinMs - LastMs <= timeoutMs;

    /// <summary>This visit and <paramref name="other"/> as one: the union of their spans and of what was counted for them.</summary>
    public PresenceInterval Union(PresenceInterval other)
    {
        var (first, last) = JoinMs <= other.JoinMs ? (this, other) : (other, this);
        var edges = (first.Edges & PresenceEdges.Joined) | ((LastMs >= other.LastMs ? this : other).Edges & PresenceEdges.Left);
        return new PresenceInterval(first.JoinMs, Math.Max(LastMs, other.LastMs), (int)Math.Min(int.MaxValue, (long)CountedSeconds + other.CountedSeconds),
            edges);
    }
}

/// <summary>What bounds a visit: an explicit join at its start, an explicit leave at its end.</summary>
[Flags]
internal enum PresenceEdges : byte
{
    None = 0,
    Joined = 1,
    Left = 2,
}

/// <summary>How an event shows presence in a session.</summary>
internal enum PresenceKind : byte
{
    /// <summary><c>live.join</c>: starts a visit.</summary>
    Join,

    /// <summary>A heartbeat or any interaction: the viewer is there.</summary>
    Seen,

    /// <summary><c>live.leave</c>: ends a visit.</summary>
    Leave,
}
