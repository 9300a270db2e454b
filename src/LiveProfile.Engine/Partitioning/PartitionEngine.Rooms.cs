using LiveProfile.Engine.Features;
using LiveProfile.Engine.Rooms;
using LiveProfile.Engine.Segments;
using LiveProfile.Engine.Tags;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Live audiences. A viewer is in a room while a visit to one of its sessions is open (joined or seen, not left, not
/// timed out in event time), in one room at a time: showing up in another room moves the viewer there. Each room's
/// <see cref="RoomAudience"/> counts its viewers and their tags and families incrementally: on entering, on leaving
/// (leave, time-out, merge, erasure) and on every tag a viewer gains or loses while in the room.
/// </summary>
public sealed partial class PartitionEngine
{
    private readonly Dictionary<int, RoomAudience> _audiences = [];
    private Dictionary<int, int> _familyOfTag = []; // tag key → family counter key, for the taxonomy in force

    /// <summary>
    /// What this partition sees of a room now: its viewers, their tags and families, and the product funnels of the room's
    /// latest session; with a <paramref name="segment"/>, also how many viewers are in it, and the funnels count only its members.
    /// </summary>
    public RoomSlice Audience(string room, SegmentNode? segment = null)
    {
        if (!World.TryRoomKey(room, out var key)) return RoomSlice.Empty;
        var onScreen = WatermarkMs == long.MinValue ? null : World.OnScreenId(room, WatermarkMs);
        using var members = segment is null ? null : SegmentEvaluator.Evaluate(segment, Bitmaps);
        var funnel = FunnelsOf(key, members);
        if (!_audiences.TryGetValue(key, out var audience)) return RoomSlice.Empty with { Funnel = funnel, OnScreen = onScreen };
        var tags = new Dictionary<string, int>(StringComparer.Ordinal);
        var families = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (counter, count) in audience.Counters)
        {
            if (counter < 0) families[_taxonomy.Families[~counter].Id] = count;
            else tags[TagKeys.Name(counter)] = count;
        }
        int? inSegment = null;
        if (members is not null)
        {
            using var viewers = audience.Members.ToBitmap();
            inSegment = (int)viewers.AndCount(members);
        }
        var dwell = WatermarkMs == long.MinValue ? 0 : audience.DwellSecondsAt(WatermarkMs);
        return new RoomSlice(audience.Viewers, audience.NewViewers, tags, families, funnel, onScreen, inSegment, dwell);
    }

    /// <summary>Rooms with viewers in this partition now, and how many.</summary>
    public Dictionary<string, int> LiveRooms() =>
        _audiences.Where(a => a.Value.Viewers > 0).ToDictionary(a => World.Keys.Name(a.Key)["room:".Length..], a => a.Value.Viewers, StringComparer.Ordinal);

    /// <summary>
    /// A sign at <paramref name="tsMs"/> in a session, after which the viewer is (<paramref name="present"/>) or is not in
    /// it. The viewer is where its latest sign is: a late sign from another room does not move it back.
    /// </summary>
    private void UpdatePresence(Profile profile, string? roomId, int room, int session, long tsMs, bool present)
    {
        if (profile.PresentSession == session)
        {
            if (!present) LeaveRoom(profile);
            else profile.PresentAtMs = Math.Max(profile.PresentAtMs, tsMs);
            return;
        }
        if (present && (profile.PresentSession < 0 || tsMs >= profile.PresentAtMs)) EnterRoom(profile, roomId, room, session, tsMs);
    }

    /// <param name="roomId">The room's id, to see what is on screen there (null: not known, as after a restore).</param>
    private void EnterRoom(Profile profile, string? roomId, int room, int session, long tsMs)
    {
        LeaveRoom(profile);
        profile.PresentRoom = room;
        profile.PresentSession = session;
        profile.PresentAtMs = profile.PresentSinceMs = tsMs;
        profile.PresentIsNew = !profile.AttendedBefore(room, session);
        Span<int> counters = stackalloc int[profile.Tags.Length * 2];
        AudienceOf(room).Enter(profile.Ordinal, CountersOf(profile, counters), profile.PresentIsNew, profile.PresentSinceMs);
        if (roomId is not null) SawScreen(profile, roomId, room, session, tsMs);
    }

    private void LeaveRoom(Profile profile)
    {
        if (profile.PresentSession < 0) return;
        Span<int> counters = stackalloc int[profile.Tags.Length * 2];
        _audiences[profile.PresentRoom].Leave(profile.Ordinal, CountersOf(profile, counters), profile.PresentIsNew, profile.PresentSinceMs);
        profile.PresentRoom = profile.PresentSession = -1;
    }

    /// <summary>Viewers whose visits the sweep closed leave their rooms.</summary>
    private void LeaveTimedOut()
    {
        foreach (var (id, session, owner) in _visits.LeftBySweep)
        {
            if (HeldOwner(owner, id) is { } profile && profile.PresentSession == session) LeaveRoom(profile);
        }
    }

    /// <summary>A tag was just added to (or removed from) a profile: its room's counters follow, the family's on its first (last) tag.</summary>
    private void RoomTagChanged(Profile profile, int tagKey, bool added)
    {
        if (profile.PresentSession < 0) return;
        var audience = _audiences[profile.PresentRoom];
        var delta = added ? 1 : -1;
        audience.Move(tagKey, delta);
        if (!_familyOfTag.TryGetValue(tagKey, out var family)) return;
        var inFamily = 0;
        foreach (var held in profile.Tags) if (_familyOfTag.GetValueOrDefault(held.Tag) == family) inFamily++;
        if (inFamily == (added ? 1 : 0)) audience.Move(family, delta);
    }

    /// <summary>
    /// Counts every room again from who is present (after a restore, or a taxonomy change, which may move tags between
    /// families): never on the event path.
    /// </summary>
    private void RebuildAudiences()
    {
        _familyOfTag = [];
        for (var i = 0; i < _taxonomy.Families.Count; i++)
        {
            foreach (var tag in _taxonomy.Tags) if (tag.Family == _taxonomy.Families[i].Id) _familyOfTag[tag.Key] = ~i;
        }
        _audiences.Clear();
        foreach (var profile in _profiles.Values) profile.PresentRoom = profile.PresentSession = -1;
        foreach (var (id, session) in _visits.RestorePresence(WatermarkMs))
        {
            if (!_profiles.TryGetValue(id, out var profile)) continue;
            foreach (var a in profile.Attendance)
            {
                if (a.Session != session) continue;
                EnterRoom(profile, null, a.Room, session, WatermarkMs);
                break;
            }
        }
    }

    private RoomAudience AudienceOf(int room)
    {
        if (!_audiences.TryGetValue(room, out var audience)) _audiences[room] = audience = new RoomAudience();
        return audience;
    }

    /// <summary>The counters a viewer moves: its tags, and each family it has a tag of (negative keys).</summary>
    private ReadOnlySpan<int> CountersOf(Profile profile, Span<int> into)
    {
        var n = 0;
        foreach (var held in profile.Tags) into[n++] = held.Tag;
        var tags = n;
        for (var i = 0; i < tags; i++)
        {
            if (_familyOfTag.TryGetValue(into[i], out var family) && into[tags..n].IndexOf(family) < 0) into[n++] = family;
        }
        return into[..n];
    }
}

/// <summary>
/// One partition's share of a room: viewers, new viewers, viewers per tag and per family, the product funnels of the
/// room's latest session, the product on screen, with a segment the viewers in it, and the present viewers' total
/// time in the room so far.
/// </summary>
public sealed record RoomSlice(int Viewers, int NewViewers, IReadOnlyDictionary<string, int> Tags, IReadOnlyDictionary<string, int> Families,
    IReadOnlyList<FunnelRow> Funnel, string? OnScreen = null, int? SegmentViewers = null, long DwellSeconds = 0)
{
    public static readonly RoomSlice Empty = new(0, 0, new Dictionary<string, int>(), new Dictionary<string, int>(), []);
}

/// <summary>One product's funnel in a partition.</summary>
public sealed record FunnelRow(string Product, string Title, FunnelCounts Counts);
