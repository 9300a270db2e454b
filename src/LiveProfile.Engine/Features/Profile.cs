namespace LiveProfile.Engine.Features;

/// <summary>
/// The hot state of one profile: compact by design (DESIGN.md budget ≤ 300 B on average), so
/// variable parts are small sorted arrays allocated only when used, times are minutes or days
/// since <see cref="Time.EventTime.EpochMs"/>, and strings are interned ids. Partial files hold
/// each concern: affinities, windows, attendance, merge.
/// </summary>
public sealed partial class Profile
{
    public Profile(ulong id, int ordinal)
    {
        Id = id;
        Ordinal = ordinal;
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
    public double Spend { get; internal set; }
    public double Refunds { get; internal set; }
    public int LastOrderMinute { get; internal set; } = int.MinValue;

    /// <summary>Rooms whose streamer this profile follows (interned room ids).</summary>
    public int[]? FollowedRooms { get; internal set; }

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
