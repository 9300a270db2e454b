using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveProfile.Engine.Partitioning.Live;

/// <summary>
/// The newest few times something happened per (profile, item), forgotten when event time has moved past them by a
/// horizon. Several, not one, because events arrive out of order: a click after an order may be applied before it.
/// Held inline in the dictionary, so remembering allocates nothing.
/// </summary>
internal sealed class RecentTimes(long horizonMs)
{
    /// <summary>Times kept per (profile, item): the newest ones.</summary>
    public const int Kept = 4;

    private readonly Dictionary<(ulong Profile, int Item), Times> _times = [];
    private readonly ExpiryQueue<(ulong Profile, int Item)> _due = new(); // one entry per (profile, item) held
    private readonly List<((ulong Profile, int Item) Key, long DueMs)> _taken = [];

    public void Remember(ulong profile, int item, long tsMs)
    {
        var key = (profile, item);
        ref var times = ref CollectionsMarshal.GetValueRefOrAddDefault(_times, key, out var exists);
        if (!exists) _due.Schedule(key, tsMs);
        times.Add(tsMs);
    }

    /// <summary>Whether a time remembered for (profile, item) lies in [<paramref name="fromMs"/>, <paramref name="toMs"/>].</summary>
    public bool Any(ulong profile, int item, long fromMs, long toMs)
    {
        if (!_times.TryGetValue((profile, item), out var times)) return false;
        for (var i = 0; i < times.Count; i++) if (times.Values[i] >= fromMs && times.Values[i] <= toMs) return true;
        return false;
    }

    /// <summary>Copies the times in [<paramref name="fromMs"/>, <paramref name="toMs"/>] into <paramref name="into"/>, oldest first; returns how many.</summary>
    public int CopyBetween(ulong profile, int item, long fromMs, long toMs, Span<long> into)
    {
        if (!_times.TryGetValue((profile, item), out var times)) return 0;
        var n = 0;
        for (var i = 0; i < times.Count && n < into.Length; i++)
        {
            if (times.Values[i] >= fromMs && times.Values[i] <= toMs) into[n++] = times.Values[i];
        }
        into[..n].Sort();
        return n;
    }

    /// <summary>Forgets times event time has passed by more than the horizon, touching only the keys with one due.</summary>
    public void Sweep(long watermarkMs)
    {
        if (watermarkMs == long.MinValue) return;
        _due.TakeDue(watermarkMs - horizonMs, _taken);
        foreach (var (key, _) in _taken)
        {
            ref var times = ref CollectionsMarshal.GetValueRefOrNullRef(_times, key);
            if (Unsafe.IsNullRef(ref times)) continue; // removed with its profile
            times.RemoveOlderThan(watermarkMs - horizonMs);
            if (times.Count == 0) _times.Remove(key);
            else _due.Schedule(key, times.Oldest);
        }
        _taken.Clear();
    }

    /// <summary>What is remembered for <paramref name="profile"/>, by item.</summary>
    public List<(int Item, long TsMs)> Of(ulong profile)
    {
        var found = new List<(int, long)>();
        foreach (var ((p, item), times) in _times)
        {
            if (p != profile) continue;
            for (var i = 0; i < times.Count; i++) found.Add((item, times.Values[i]));
        }
        return found;
    }

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
            w.Write((byte)times.Count);
            for (var i = 0; i < times.Count; i++) w.Write(times.Values[i]);
        }
    }

    public void Load(BinaryReader r)
    {
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var profile = r.ReadUInt64();
            var item = r.ReadInt32();
            for (var i = r.ReadByte(); i > 0; i--) Remember(profile, item, r.ReadInt64());
        }
    }

    /// <summary>Checkpoint format 2 kept one time per (profile, item).</summary>
    public void LoadSingles(BinaryReader r)
    {
        for (var n = r.ReadInt32(); n > 0; n--) Remember(r.ReadUInt64(), r.ReadInt32(), r.ReadInt64());
    }

    [InlineArray(Kept)]
    private struct Four
    {
        private long _first;
    }

    private struct Times
    {
        public Four Values;
        public int Count;

        public readonly long Oldest
        {
            get
            {
                var oldest = long.MaxValue;
                for (var i = 0; i < Count; i++) oldest = Math.Min(oldest, Values[i]);
                return oldest;
            }
        }

        /// <summary>Adds a time; when full, it replaces the oldest if it is newer.</summary>
        public void Add(long tsMs)
        {
            var oldest = -1;
            for (var i = 0; i < Count; i++)
            {
                if (Values[i] == tsMs) return;
                if (oldest < 0 || Values[i] < Values[oldest]) oldest = i;
            }
            if (Count < Kept) Values[Count++] = tsMs;
            else if (tsMs > Values[oldest]) Values[oldest] = tsMs;
        }

        public void RemoveOlderThan(long cutoffMs)
        {
            var kept = 0;
            for (var i = 0; i < Count; i++) if (Values[i] >= cutoffMs) Values[kept++] = Values[i];
            Count = kept;
        }
    }
}
