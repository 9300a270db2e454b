namespace LiveProfile.Engine.Features;

/// <summary>Live sessions the profile attended, with dwell and what it did there.</summary>
public sealed partial class Profile
{
    /// <summary>Sessions kept per profile: enough for "3 of the last 5" and 30-day counts of a heavy viewer.</summary>
    public const int MaxAttendance = 64;

    private SessionAttendance[]? _attendance;
    private int _attendanceCount;

    public ReadOnlySpan<SessionAttendance> Attendance => _attendance.AsSpan(0, _attendanceCount);

    /// <summary>Records presence in a session; returns its index so the caller can add dwell or flags.</summary>
    internal ref SessionAttendance Attend(int session, int room, int day)
    {
        var span = _attendance.AsSpan(0, _attendanceCount);
        for (var i = span.Length - 1; i >= 0; i--)
        {
            if (span[i].Session != session) continue;
            if (day < span[i].Day) span[i].Day = day; // the session's first day, whatever the arrival order
            return ref span[i];
        }
        if (_attendance is null)
        {
            _attendance = new SessionAttendance[2];
        }
        else if (_attendanceCount == _attendance.Length)
        {
            if (_attendanceCount >= MaxAttendance)
            {
                // Forget the oldest session: the newest are what every definition looks at.
                var oldest = 0;
                for (var i = 1; i < _attendanceCount; i++) if (_attendance[i].Day < _attendance[oldest].Day) oldest = i;
                _attendance[oldest] = _attendance[--_attendanceCount];
            }
            else
            {
                Array.Resize(ref _attendance, Math.Min(MaxAttendance, _attendanceCount * 2));
            }
        }
        ref var slot = ref _attendance[_attendanceCount++];
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
        _attendance = entries.Length == 0 ? null : entries;
        _attendanceCount = entries.Length;
    }
}
