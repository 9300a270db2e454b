using LiveProfile.Engine.Features;
using LiveProfile.Engine.Partitioning.Live;
using LiveProfile.Engine.Time;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Live visits (join → leave, kept alive by heartbeats; dwell counted when a visit closes) and impulse orders (an order
/// soon after a live click), both measured in event time whatever order their events arrive in, within
/// <see cref="EngineOptions.AllowedLateness"/>.
/// </summary>
public sealed partial class PartitionEngine
{
    private LiveVisits _visits = null!;
    private ImpulseMatcher _impulse = null!;
    private LiveVisits.DwellCounter _countDwell = null!;
    private long _lastSweepMs = long.MinValue;

    /// <summary>Sessions with visits held: open, or closed and still within the allowed lateness.</summary>
    public int OpenVisitCount => _visits.Count;

    private void InitLiveState()
    {
        var lateness = (long)Options.AllowedLateness.TotalMilliseconds;
        _visits = new LiveVisits((long)Options.HeartbeatTimeout.TotalMilliseconds, lateness);
        _impulse = new ImpulseMatcher((long)Options.ImpulseWindow.TotalMilliseconds, lateness);
        _countDwell = CountDwell;
    }

    private void RecordPresence(Profile profile, string roomId, int room, int session, long tsMs, PresenceKind kind) =>
        UpdatePresence(profile, roomId, room, session, tsMs, _visits.Record(profile.Id, session, tsMs, kind, WatermarkMs, _countDwell, profile));

    private void CountDwell(ulong profileId, object? owner, int session, long joinMs, int seconds)
    {
        if (HeldOwner(owner, profileId) is not { } profile) return;
        MarkDirty(profile, Contract.EventType.LiveLeave); // dwell changed, whatever closed the visit
        var day = EventTime.LocalDay(joinMs, Options.LocalUtcOffsetMinutes);
        profile.Count(day, FeatureKeys.DwellSeconds, (uint)seconds);
        var attendance = profile.Attendance;
        for (var i = attendance.Length - 1; i >= 0; i--)
        {
            if (attendance[i].Session != session) continue;
            profile.Attend(session, attendance[i].Room, day).DwellSeconds += seconds;
            break;
        }
    }

    /// <summary>
    /// The profile a visit was recorded for: its owner saves a lookup, but may be gone (merged, erased) or unknown
    /// (restored), and then the id decides.
    /// </summary>
    private Profile? HeldOwner(object? owner, ulong profileId) =>
        owner as Profile is { } o && o.Id == profileId && IsHeld(o) ? o : _profiles.GetValueOrDefault(profileId);

    private void SweepTimedOut(long watermarkMs)
    {
        // Sweeping costs a pass over the visits held; event time moving 10 s is fine-grained enough.
        if (_lastSweepMs != long.MinValue && watermarkMs - _lastSweepMs < 10_000) return;
        _lastSweepMs = watermarkMs;
        _visits.Sweep(watermarkMs, _countDwell);
        LeaveTimedOut();
        _impulse.Sweep(watermarkMs);
        PruneFunnels(watermarkMs);
    }

    /// <summary>A live click; a late one may make an order that arrived before it impulsive.</summary>
    private void RememberClick(Profile profile, int product, long tsMs)
    {
        if (_impulse.Clicked(profile.Id, product, tsMs) is not { } orderMs) return;
        profile.Count(EventTime.LocalDay(orderMs, Options.LocalUtcOffsetMinutes), FeatureKeys.ImpulseOrders, 1);
        MarkDirty(profile, Contract.EventType.ShopOrder);
    }

    private void RemoveTransientState(ulong profile)
    {
        _visits.Remove(profile);
        _impulse.Remove(profile);
    }
}
