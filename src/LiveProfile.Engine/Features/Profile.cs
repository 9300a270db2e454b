using LiveProfile.Engine.Memory;

namespace LiveProfile.Engine.Features;

/// <summary>
/// The hot state of one profile: compact by design (DESIGN.md budget ≤ 300 B on average), so
/// variable parts are small sorted arrays allocated only when used, times are minutes or days
/// since <see cref="Time.EventTime.EpochMs"/>, and strings are interned ids. Partial files hold
/// each concern: affinities, windows, attendance, merge. The arrays live in the partition's
/// <see cref="ProfileSlabs"/>; a profile holds handles into them.
/// </summary>
public sealed partial class Profile
{
    private readonly ProfileSlabs _slabs;

    public Profile(ulong id, int ordinal, ProfileSlabs slabs)
    {
        Id = id;
        Ordinal = ordinal;
        _slabs = slabs;
    }

    /// <summary>The canonical profile id (the root pseudonym of its identity set).</summary>
    public ulong Id { get; internal set; }

    /// <summary>Dense ordinal within its partition (for bitmaps).</summary>
    public int Ordinal { get; internal set; }

    public int FirstSeenMinute { get; internal set; } = int.MaxValue;
    public int LastSeenMinute { get; internal set; } = int.MinValue;

    // declared attributes
    public Gender Gender { get; internal set; }
    public short BirthYear { get; internal set; }
    public int Province { get; internal set; } = -1;   // interned
    public int City { get; internal set; } = -1;       // interned
    public int RegisteredMinute { get; internal set; } = int.MinValue;
    public Consent Consent { get; internal set; } = Consent.Default;

    // order statistics over the whole life of the profile
    public int Orders { get; internal set; }
    public int DiscountedOrders { get; internal set; }
    public int PremiumOrders { get; internal set; }
    public double Spend { get; internal set; }
    public double Refunds { get; internal set; }
    public int LastOrderMinute { get; internal set; } = int.MinValue;

    /// <summary>Rooms whose streamer this profile follows (interned room ids).</summary>
    public int[]? FollowedRooms { get; internal set; }

    /// <summary>Returns the profile's blocks to the slabs (the profile was merged away or erased).</summary>
    internal void Release()
    {
        _slabs.Affinities.Free(_affinityHandle, _affinityClass);
        _slabs.Windows.Free(_windowHandle, _windowClass);
        _slabs.Attendance.Free(_attendanceHandle, _attendanceClass);
        _affinityHandle = _windowHandle = _attendanceHandle = SlabBlocks.None;
        _affinityCount = _windowCount = _attendanceCount = 0;
        _viewed = null;
        _viewedCount = 0;
        _purchaseDays = null;
        _purchaseDayCount = 0;
        _models = null;
        ClearTags();
    }

    /// <summary>Makes room for one more element, growing the block to the next size class when full.</summary>
    private static void EnsureRoom<T>(Slab<T> slab, ref int handle, ref byte sizeClass, int count, byte initialClass) where T : struct
    {
        if (handle == SlabBlocks.None)
        {
            sizeClass = initialClass;
            handle = slab.Allocate(sizeClass);
        }
        else if (count == SlabBlocks.Capacity(sizeClass))
        {
            handle = slab.Grow(handle, ref sizeClass, count);
        }
    }

    /// <summary>Copies restored elements into a fresh block.</summary>
    private static int Store<T>(Slab<T> slab, T[] entries, out byte sizeClass) where T : struct
    {
        sizeClass = SlabBlocks.ClassFor(Math.Max(entries.Length, 1));
        if (entries.Length == 0) return SlabBlocks.None;
        var handle = slab.Allocate(sizeClass);
        entries.CopyTo(slab.Span(handle, entries.Length));
        return handle;
    }

    internal void Touch(int minute)
    {
        if (minute < FirstSeenMinute) FirstSeenMinute = minute;
        if (minute > LastSeenMinute) LastSeenMinute = minute;
    }

    internal void Follow(int room)
    {
        var rooms = FollowedRooms;
        if (rooms is null)
        {
            FollowedRooms = [room];
            return;
        }
        if (Array.IndexOf(rooms, room) >= 0) return;
        Array.Resize(ref rooms, rooms.Length + 1);
        rooms[^1] = room;
        Array.Sort(rooms);
        FollowedRooms = rooms;
    }
}

public enum Gender : byte
{
    Unknown = 0,
    Female = 1,
    Male = 2,
}

/// <summary>Consent per purpose; analytics is assumed until withdrawn, the others must be granted.</summary>
[Flags]
public enum Consent : byte
{
    None = 0,
    Analytics = 1,
    Personalization = 2,
    Marketing = 4,
    Default = Analytics,
}
