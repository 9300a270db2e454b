namespace LiveProfile.Peers.Features;

/// <summary>
/// A user's transient state besides the profile: open live visits and recent live clicks (the
/// engine keeps them in partition dictionaries; a Flink job in keyed state; a grain in a field),
/// plus what the Redis writer remembers to avoid redundant commands.
/// </summary>
internal sealed class UserState
{
    private List<(int Session, long JoinMs, long LastMs)>? _visits;
    private List<(int Product, long AtMs)>? _clicks;
    private List<(int Room, int FirstSession, bool Other)>? _attended;

    /// <summary>The room and session the user is in now (-1: none), as the engine's profile keeps them.</summary>
    public int PresentRoom { get; set; } = -1;

    public int PresentSession { get; set; } = -1;

    /// <summary>The user's latest sign of presence in <see cref="PresentSession"/>, and when it came in.</summary>
    public long PresentAtMs { get; set; }

    public long PresentSinceMs { get; set; }

    public bool PresentIsNew { get; set; }

    /// <summary>Redis writer: the last local day whose hash got its TTL and active-day mark.</summary>
    public int LastDay { get; set; } = int.MinValue;

    /// <summary>Redis writer: views since the recent-products set was last trimmed.</summary>
    public int ViewsSinceTrim { get; set; }

    /// <summary>
    /// Records attending <paramref name="session"/> of <paramref name="room"/>; returns whether the user attended another
    /// session of the room (a returning viewer, as the engine's <c>Profile.AttendedBefore</c> says).
    /// </summary>
    public bool Attend(int room, int session)
    {
        _attended ??= new(1);
        for (var i = 0; i < _attended.Count; i++)
        {
            var (held, first, other) = _attended[i];
            if (held != room) continue;
            if (first != session && !other) _attended[i] = (room, first, true);
            return first != session || other;
        }
        _attended.Add((room, session, false));
        return false;
    }

    public bool TryGetVisit(int session, out long joinMs, out long lastMs)
    {
        if (_visits is not null)
        {
            foreach (var v in _visits)
            {
                if (v.Session != session) continue;
                (joinMs, lastMs) = (v.JoinMs, v.LastMs);
                return true;
            }
        }
        joinMs = lastMs = 0;
        return false;
    }

    public void SetVisit(int session, long joinMs, long lastMs)
    {
        _visits ??= new(1);
        for (var i = 0; i < _visits.Count; i++)
        {
            if (_visits[i].Session != session) continue;
            _visits[i] = (session, joinMs, lastMs);
            return;
        }
        _visits.Add((session, joinMs, lastMs));
    }

    public void RemoveVisit(int session) => _visits?.RemoveAll(v => v.Session == session);

    /// <summary>Remembers a live click; clicks older than the impulse window are dropped here (the engine's sweep does it).</summary>
    public void RememberClick(int product, long atMs, long windowMs)
    {
        _clicks ??= new(2);
        _clicks.RemoveAll(c => atMs - c.AtMs > windowMs);
        for (var i = 0; i < _clicks.Count; i++)
        {
            if (_clicks[i].Product != product) continue;
            if (atMs > _clicks[i].AtMs) _clicks[i] = (product, atMs);
            return;
        }
        _clicks.Add((product, atMs));
    }

    public bool WasClickedRecently(int product, long orderMs, long windowMs)
    {
        if (_clicks is null) return false;
        foreach (var c in _clicks)
        {
            if (c.Product == product && orderMs >= c.AtMs && orderMs - c.AtMs <= windowMs) return true;
        }
        return false;
    }
}
