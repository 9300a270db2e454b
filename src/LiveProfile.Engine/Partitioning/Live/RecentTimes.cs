namespace LiveProfile.Engine.Partitioning.Live;

/// <summary>
/// The newest few times something happened per (profile, item), forgotten when event time has moved past them by a
/// horizon. Several, not one, because events arrive out of order: a click after an order may be applied before it.
/// </summary>
internal sealed class RecentTimes(long horizonMs)
{
    /// <summary>Times kept per (profile, item): the newest ones.</summary>
    public const int Kept = 4;

    private readonly Dictionary<(ulong Profile, int Item), long[]> _times = [];
    private readonly List<((ulong Profile, int Item) Key, long[] Kept)> _changed = [];

    public int Count => _times.Count;

    public void Remember(ulong profile, int item, long tsMs)
    {
        var key = (profile, item);
        if (!_times.TryGetValue(key, out var times))
        {
            _times[key] = [tsMs];
            return;
        }
        if (Array.IndexOf(times, tsMs) >= 0) return;
        if (times.Length < Kept)
        {
            _times[key] = [.. times, tsMs];
            return;
        }
        var oldest = 0;
        for (var i = 1; i < times.Length; i++) if (times[i] < times[oldest]) oldest = i;
        if (tsMs > times[oldest]) times[oldest] = tsMs;
    }

    /// <summary>The times remembered for (profile, item) that lie in [<paramref name="fromMs"/>, <paramref name="toMs"/>], oldest first.</summary>
    public IEnumerable<long> Between(ulong profile, int item, long fromMs, long toMs) =>
        _times.TryGetValue((profile, item), out var times) ? times.Where(t => t >= fromMs && t <= toMs).Order() : [];

    public void Sweep(long watermarkMs)
    {
        foreach (var (key, times) in _times)
        {
            var keep = 0;
            foreach (var t in times) if (watermarkMs - t <= horizonMs) keep++;
            if (keep < times.Length) _changed.Add((key, [.. times.Where(t => watermarkMs - t <= horizonMs)]));
        }
        foreach (var (key, kept) in _changed)
        {
            if (kept.Length == 0) _times.Remove(key);
            else _times[key] = kept;
        }
        _changed.Clear();
    }

    /// <summary>What is remembered for <paramref name="profile"/>, by item.</summary>
    public List<(int Item, long TsMs)> Of(ulong profile) =>
        [.. _times.Where(t => t.Key.Profile == profile).SelectMany(t => t.Value.Select(ts => (t.Key.Item, ts)))];

    public void Remove(ulong profile)
    {
        foreach (var key in _times.Keys.Where(k => k.Profile == profile).ToList()) _times.Remove(key);
    }

    public void Save(BinaryWriter w)
    {
        w.Write(_times.Count);
        foreach (var ((profile, item), times) in _times)
        {
            w.Write(profile);
            w.Write(item);
            w.Write((byte)times.Length);
            foreach (var t in times) w.Write(t);
        }
    }

    public void Load(BinaryReader r)
    {
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var key = (r.ReadUInt64(), r.ReadInt32());
            var times = new long[r.ReadByte()];
            for (var i = 0; i < times.Length; i++) times[i] = r.ReadInt64();
            _times[key] = times;
        }
    }

    /// <summary>Checkpoint format 2 kept one time per (profile, item).</summary>
    public void LoadSingles(BinaryReader r)
    {
        for (var n = r.ReadInt32(); n > 0; n--) _times[(r.ReadUInt64(), r.ReadInt32())] = [r.ReadInt64()];
    }
}
