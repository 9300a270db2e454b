using LiveProfile.Engine.Features;
using LiveProfile.Engine.Partitioning.Live;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Identity merge across partitions: the source partition extracts the profile in a portable form
/// (strings, not this partition's interned ids) and forgets it; the target absorbs it. Both carry
/// the log position of the event that caused the merge: a partition whose checkpoint already
/// includes that event skips it, so replay applies each side exactly once. The live state in
/// flight (visits held, recent live clicks and orders) moves with the profile, so a visit or an impulse order
/// that spans the link is measured as if one person had done it all, and the funnel stages reached move too.
/// </summary>
public sealed partial class PartitionEngine
{
    /// <summary>Removes the profile and returns its portable state, or null when it is not here (or the merge was already applied).</summary>
    public byte[]? Extract(ulong profileId, long lsn)
    {
        if (lsn <= AppliedLsn || !_profiles.TryGetValue(profileId, out var profile)) return null;
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            ProfileCodec.Write(writer, profile, new PortableKeys(World.Keys, World.Categories));
            WriteLiveState(writer, profileId);
        }
        RetractTags(profile, "merged into another profile");
        Remove(profile);
        return buffer.ToArray();
    }

    /// <summary>
    /// Folds an extracted profile into <paramref name="targetId"/>. A target with no state here takes the extracted
    /// state as it is (under its own id): exact, where merging into an empty profile would re-anchor decayed sums.
    /// </summary>
    public void Absorb(ulong targetId, byte[] portable, long lsn)
    {
        if (lsn <= AppliedLsn) return;
        using var reader = new BinaryReader(new MemoryStream(portable));
        var keys = new PortableKeys(World.Keys, World.Categories);
        if (_profiles.TryGetValue(targetId, out var target))
        {
            var source = ProfileCodec.Read(reader, -1, keys, Slabs);
            target.MergeFrom(source, Options.HalfLifeMinutes);
            source.Release();
        }
        else
        {
            target = ProfileCodec.Read(reader, NextOrdinal(), keys, Slabs, asId: targetId);
            target.ClearTags(); // re-evaluated below, so that the change feed says what the target holds
            Install(target);
        }
        ReadLiveState(reader, targetId);
        if (target.Orders > 0) _spendRanks.NoteOrder();
        MarkDirty(target, AllTagsBit);
        RunTagWork();
    }

    private void WriteLiveState(BinaryWriter w, ulong profileId)
    {
        var visits = _visits.Of(profileId);
        w.Write(visits.Count);
        foreach (var (session, visit) in visits)
        {
            w.Write(World.Keys.Name(session));
            w.Write(visit.JoinMs);
            w.Write(visit.LastMs);
            w.Write(visit.CountedSeconds);
            w.Write((byte)visit.Edges);
        }
        var (clicks, orders, impulsive) = _impulse.Of(profileId);
        WriteTimes(w, clicks);
        WriteTimes(w, orders);
        w.Write(impulsive.Count);
        foreach (var orderMs in impulsive) w.Write(orderMs);
        if (_profiles.TryGetValue(profileId, out var profile)) WriteFunnelStages(w, profile.Ordinal);
        else w.Write(0);
    }

    private void WriteTimes(BinaryWriter w, List<(int Product, long TsMs)> times)
    {
        w.Write(times.Count);
        foreach (var (product, ts) in times)
        {
            w.Write(World.Keys.Name(product));
            w.Write(ts);
        }
    }

    private void ReadLiveState(BinaryReader r, ulong targetId)
    {
        // The target may be in the same session: one person, one visit spanning both.
        for (var i = r.ReadInt32(); i > 0; i--)
        {
            var session = World.Keys.Intern(r.ReadString());
            var visit = new PresenceInterval(r.ReadInt64(), r.ReadInt64(), r.ReadInt32(), (PresenceEdges)r.ReadByte());
            if (_visits.Add(targetId, session, visit, WatermarkMs, _countDwell) && _profiles.TryGetValue(targetId, out var target))
            {
                foreach (var a in target.Attendance) if (a.Session == session) UpdatePresence(target, null, a.Room, session, visit.LastMs, present: true);
            }
        }
        var clicks = ReadTimes(r);
        var orders = ReadTimes(r);
        var impulsive = new long[r.ReadInt32()];
        for (var i = 0; i < impulsive.Length; i++) impulsive[i] = r.ReadInt64();
        _impulse.Add(targetId, clicks, orders, impulsive);
        ReadFunnelStages(r, _profiles.GetValueOrDefault(targetId));
    }

    private List<(int Product, long TsMs)> ReadTimes(BinaryReader r)
    {
        var times = new List<(int, long)>();
        for (var i = r.ReadInt32(); i > 0; i--) times.Add((World.Keys.Intern(r.ReadString()), r.ReadInt64()));
        return times;
    }
}
