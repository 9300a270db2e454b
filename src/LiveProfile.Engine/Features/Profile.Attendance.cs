using LiveProfile.Engine.Memory;
namespace LiveProfile.Engine.Features;

/// <summary>Live sessions the profile attended, with dwell and what it did there.</summary>
public sealed partial class Profile
{
    /// <summary>Sessions kept per profile: enough for "3 of the last 5" and 30-day counts of a heavy viewer.</summary>
    public const int MaxAttendance = 64;

    private int _attendanceHandle = SlabBlocks.None;
    private int _attendanceCount;
    private byte _attendanceClass;

    /// <summary>The room (interned) the viewer is in right now, -1 when none: one room at a time, the latest it showed up in.</summary>
    internal int PresentRoom { get; set; } = -1;

    /// <summary>The session of <see cref="PresentRoom"/> (interned), -1 when none.</summary>
    internal int PresentSession { get; set; } = -1;

    /// <summary>The latest sign of presence in <see cref="PresentRoom"/>: a sign elsewhere moves the viewer only if it is later.</summary>
    internal long PresentAtMs { get; set; }

    /// <summary>When the viewer came into <see cref="PresentRoom"/> (event time).</summary>
    internal long PresentSinceMs { get; set; }

    /// <summary>The viewer entered <see cref="PresentRoom"/> on its first session there (counted as a new viewer).</summary>
    internal bool PresentIsNew { get; set; }

    /// <summary>Whether the profile attended another session of <paramref name="room"/> than <paramref name="session"/> (a returning viewer).</summary>
    internal bool AttendedBefore(int room, int session)
    {
        foreach (var a in Attendance) if (a.Room == room && a.Session != session) return true;
        return false;
    }

    public ReadOnlySpan<SessionAttendance> Attendance => _slabs.Attendance.Span(_attendanceHandle, _attendanceCount);

    /// <summary>Records presence in a session; returns its index so the caller can add dwell or flags.</summary>
    internal ref SessionAttendance Attend(int session, int room, int day)
    {
        var span = _slabs.Attendance.Span(_attendanceHandle, _attendanceCount);
        for (var i = span.Length - 1; i >= 0; i--)
        {
            if (span[i].Session != session) continue;
            if (day < span[i].Day) span[i].Day = day; // the session's first day, whatever the arrival order
            return ref span[i];
        }
        if (_attendanceCount >= MaxAttendance)
        {
            // Forget the oldest session: the newest are what every definition looks at.
            var oldest = 0;
            for (var i = 1; i < span.Length; i++) if (span[i].Day < span[oldest].Day) oldest = i;
            span[oldest] = span[^1];
            _attendanceCount--;
        }
        EnsureRoom(_slabs.Attendance, ref _attendanceHandle, ref _attendanceClass, _attendanceCount, initialClass: 1);
        ref var slot = ref _slabs.Attendance.Span(_attendanceHandle, ++_attendanceCount)[^1];
        slot = new SessionAttendance { Session = session, Room = room, Day = day };
        return ref slot;
    }

    private void MergeAttendance(Profile other)
    {
        foreach (var a in other.Attendance)
        {
            ref var mine = ref Attend(a.Session, a.Room, a.Day);
            mine.Day = Math.Min(mine.Day, a.Day);
            mine.DwellSeconds += a.DwellSeconds;
            mine.Flags |= a.Flags;
        }
    }

    internal void RestoreAttendance(SessionAttendance[] entries)
    {
        _attendanceHandle = Store(_slabs.Attendance, entries, out _attendanceClass);
        _attendanceCount = entries.Length;
    }
}
