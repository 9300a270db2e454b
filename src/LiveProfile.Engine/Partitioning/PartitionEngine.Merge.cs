using LiveProfile.Engine.Features;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Identity merge across partitions: the source partition extracts the profile in a portable form
/// (strings, not this partition's interned ids) and forgets it; the target absorbs it. Both carry
/// the log position of the event that caused the merge: a partition whose checkpoint already
/// includes that event skips it, so replay applies each side exactly once.
/// </summary>
public sealed partial class PartitionEngine
{
    /// <summary>Removes the profile and returns its portable state, or null when it is not here (or the merge was already applied).</summary>
    public byte[]? Extract(ulong profileId, long lsn)
    {
        if (lsn <= AppliedLsn || !_profiles.TryGetValue(profileId, out var profile)) return null;
        CloseVisitsOf(profile);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            ProfileCodec.Write(writer, profile, new PortableKeys(World.Keys, World.Categories));
        }
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
    }

    private void CloseVisitsOf(Profile profile)
    {
        List<((ulong, int) Key, OpenVisit Visit)>? open = null;
        foreach (var (key, visit) in _visits)
        {
            if (key.Profile == profile.Id) (open ??= []).Add((key, visit));
        }
        if (open is null) return;
        foreach (var (key, visit) in open) Close(profile, key, visit, visit.LastMs);
    }
}
