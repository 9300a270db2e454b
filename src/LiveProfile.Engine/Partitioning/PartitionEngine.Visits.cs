using LiveProfile.Engine.Features;
using LiveProfile.Engine.Time;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Live visits (join → leave, kept alive by heartbeats) and recent live clicks. A visit with no
/// sign of presence for the heartbeat timeout is closed at its last sign, in event time.
/// </summary>
public sealed partial class PartitionEngine
{
    private readonly Dictionary<(ulong Profile, int Session), OpenVisit> _visits = [];
    private readonly Dictionary<(ulong Profile, int Product), long> _recentClicks = [];
    private long _lastSweepMs = long.MinValue;

    public int OpenVisitCount => _visits.Count;

    private void BeginVisit(Profile profile, int session, long tsMs)
    {
        var key = (profile.Id, session);
        if (_visits.TryGetValue(key, out var open))
        {
            // A second join without a leave: the first visit ended at its last sign of presence.
            if (tsMs >= open.LastMs) Close(profile, key, open, open.LastMs);
            else return; // an older join arriving late: the open visit already covers it
        }
        _visits[key] = new OpenVisit(tsMs, tsMs);
    }

    private void ExtendVisit(Profile profile, int session, long tsMs)
    {
        var key = (profile.Id, session);
        if (!_visits.TryGetValue(key, out var open))
        {
            // Presence without a join (the join was lost, or came before a restart of the producer).
            _visits[key] = new OpenVisit(tsMs, tsMs);
            return;
        }
        var timeout = (long)Options.HeartbeatTimeout.TotalMilliseconds;
        if (tsMs - open.LastMs > timeout)
        {
            Close(profile, key, open, open.LastMs);
            _visits[key] = new OpenVisit(tsMs, tsMs);
        }
        else if (tsMs > open.LastMs)
        {
            _visits[key] = open with { LastMs = tsMs };
        }
    }

    private void CloseVisit(Profile profile, int session, long tsMs)
    {
        var key = (profile.Id, session);
        if (_visits.TryGetValue(key, out var open)) Close(profile, key, open, Math.Max(tsMs, open.JoinMs));
    }

    private void Close(Profile profile, (ulong, int) key, OpenVisit visit, long endMs)
    {
        _visits.Remove(key);
        var seconds = (int)Math.Min(int.MaxValue, Math.Max(0, (endMs - visit.JoinMs) / 1000));
        if (seconds == 0) return;
        MarkDirty(profile, Contract.EventType.LiveLeave); // dwell changed, whatever closed the visit
        var day = EventTime.LocalDay(visit.JoinMs, Options.LocalUtcOffsetMinutes);
        profile.Count(day, FeatureKeys.DwellSeconds, (uint)seconds);
        for (var i = profile.Attendance.Length - 1; i >= 0; i--)
        {
            if (profile.Attendance[i].Session != key.Item2) continue;
            ref var a = ref profile.Attend(key.Item2, profile.Attendance[i].Room, day);
            a.DwellSeconds += seconds;
            break;
        }
    }

    private void SweepTimedOut(long watermarkMs)
    {
        // Sweeping costs a pass over open visits; event time moving 10 s is fine-grained enough.
        if (_lastSweepMs != long.MinValue && watermarkMs - _lastSweepMs < 10_000) return;
        _lastSweepMs = watermarkMs;
        var timeout = (long)Options.HeartbeatTimeout.TotalMilliseconds;
        List<((ulong, int) Key, OpenVisit Visit)>? expired = null;
        foreach (var (key, visit) in _visits)
        {
            if (watermarkMs - visit.LastMs > timeout) (expired ??= []).Add((key, visit));
        }
        if (expired is not null)
        {
            foreach (var (key, visit) in expired)
            {
                if (_profiles.TryGetValue(key.Item1, out var profile)) Close(profile, key, visit, visit.LastMs);
                else _visits.Remove(key);
            }
        }
        var impulse = (long)Options.ImpulseWindow.TotalMilliseconds;
        List<(ulong, int)>? stale = null;
        foreach (var (key, clickMs) in _recentClicks)
        {
            if (watermarkMs - clickMs > impulse) (stale ??= []).Add(key);
        }
        if (stale is not null) foreach (var key in stale) _recentClicks.Remove(key);
    }

    private void RememberClick(ulong profile, int product, long tsMs)
    {
        var key = (profile, product);
        if (!_recentClicks.TryGetValue(key, out var previous) || tsMs > previous) _recentClicks[key] = tsMs;
    }

    private bool WasClickedRecently(ulong profile, int product, long orderMs) =>
        _recentClicks.TryGetValue((profile, product), out var clickMs)
        && orderMs >= clickMs && orderMs - clickMs <= (long)Options.ImpulseWindow.TotalMilliseconds;

    private void RemoveTransientState(ulong profile)
    {
        foreach (var key in _visits.Keys.Where(k => k.Profile == profile).ToList()) _visits.Remove(key);
        foreach (var key in _recentClicks.Keys.Where(k => k.Profile == profile).ToList()) _recentClicks.Remove(key);
    }

    internal readonly record struct OpenVisit(long JoinMs, long LastMs);
}
