using LiveProfile.Engine.Features;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Identity merge across partitions: the source partition extracts the profile in a portable form
/// (strings, not this partition's interned ids) and forgets it; the target absorbs it. Both carry
/// the log position of the event that caused the merge: a partition whose checkpoint already
/// includes that event skips it, so replay applies each side exactly once. The live state in
/// flight (open visits, recent live clicks) moves with the profile, so a visit or an impulse order
/// that spans the link is measured as if one person had done it all.
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

    /// <summary>Folds an extracted profile into <paramref name="targetId"/> (created if new).</summary>
    public void Absorb(ulong targetId, byte[] portable, long lsn)
    {
        if (lsn <= AppliedLsn) return;
        using var reader = new BinaryReader(new MemoryStream(portable));
        var source = ProfileCodec.Read(reader, -1, new PortableKeys(World.Keys, World.Categories), Slabs);
        var isNew = !_profiles.ContainsKey(targetId);
        var target = GetOrCreate(targetId);
        if (isNew) target.Consent = source.Consent; // a fresh target has agreed to nothing yet: keep what the person said
        target.MergeFrom(source, Options.HalfLifeMinutes);
        source.Release();
        ReadLiveState(reader, targetId);
        if (target.Orders > 0) _spendRanks.NoteOrder(target);
        MarkDirty(target, AllTagsBit);
        RunTagWork();
    }

    private void WriteLiveState(BinaryWriter w, ulong profileId)
    {
        var visits = _visits.Where(v => v.Key.Profile == profileId).ToList();
        w.Write(visits.Count);
        foreach (var (key, visit) in visits)
        {
            w.Write(World.Keys.Name(key.Session));
            w.Write(visit.JoinMs);
            w.Write(visit.LastMs);
        }
        var clicks = _recentClicks.Where(c => c.Key.Profile == profileId).ToList();
        w.Write(clicks.Count);
        foreach (var (key, clickMs) in clicks)
        {
            w.Write(World.Keys.Name(key.Product));
            w.Write(clickMs);
        }
    }

    private void ReadLiveState(BinaryReader r, ulong targetId)
    {
        for (var i = r.ReadInt32(); i > 0; i--)
        {
            var key = (targetId, World.Keys.Intern(r.ReadString()));
            var visit = new OpenVisit(r.ReadInt64(), r.ReadInt64());
            // The target may be in the same session: one person, one visit spanning both.
            _visits[key] = _visits.TryGetValue(key, out var mine)
                ? new OpenVisit(Math.Min(mine.JoinMs, visit.JoinMs), Math.Max(mine.LastMs, visit.LastMs))
                : visit;
        }
        for (var i = r.ReadInt32(); i > 0; i--)
        {
            var key = (targetId, World.Keys.Intern(r.ReadString()));
            var clickMs = r.ReadInt64();
            if (!_recentClicks.TryGetValue(key, out var mine) || clickMs > mine) _recentClicks[key] = clickMs;
        }
    }
}
