using System.Runtime.InteropServices;

namespace LiveProfile.Engine.Features;

/// <summary>A profile's presence in one live session.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct SessionAttendance
{
    public int Session;
    public int Room;
    public int Day;
    public int DwellSeconds;
    public AttendanceFlags Flags;
}

[Flags]
public enum AttendanceFlags : byte
{
    None = 0,
    ClaimedCoupon = 1,
    Commented = 2,
    Interacted = 4,
}
