using LiveProfile.Engine.Features;

namespace LiveProfile.Engine.Tags.Evaluation;

/// <summary>
/// Per-key totals of one profile's windowed counters over a few windows, built by one pass over
/// each window's days the first time a definition asks, so that the twenty-odd sums of a
/// re-evaluation cost one scan per window instead of one per sum. Dense arrays indexed by window
/// key; only the touched slots are cleared between profiles.
/// </summary>
internal sealed class WindowTotals
{
    private const int DirectScanLimit = 48;
    private readonly Table[] _tables = [new(), new(), new(), new()];
    private readonly int[] _memoKeys = new int[32];
    private readonly long[] _memoValues = new long[32];
    private int _used;
    private int _memoCount;

    /// <summary>Forgets the previous profile's totals.</summary>
    public void Clear()
    {
        for (var i = 0; i < _used; i++) _tables[i].Clear();
        _used = 0;
        _memoCount = 0;
    }

    /// <summary>Sum of <paramref name="key"/> over the <paramref name="days"/> days ending <paramref name="today"/>.</summary>
    public long Sum(Profile profile, ushort key, int today, int days)
    {
        for (var i = 0; i < _used; i++)
        {
            if (_tables[i].Days == days) return _tables[i].Totals[key];
        }
        // A light profile's window is a few dozen entries: scanning it (and remembering the answer) beats building a table.
        if (profile.From(today - days + 1).Length <= DirectScanLimit) return Memoized(profile, key, today, days);
        if (_used == _tables.Length) return profile.Sum(key, today, days); // an unusual fifth window: scan
        var table = _tables[_used++];
        table.Build(profile, today, days);
        return table.Totals[key];
    }

    private long Memoized(Profile profile, ushort key, int today, int days)
    {
        var memoKey = (key << 8) | days; // days ≤ 180 (the catalogue's window bound)
        for (var i = 0; i < _memoCount; i++)
        {
            if (_memoKeys[i] == memoKey) return _memoValues[i];
        }
        var sum = profile.Sum(key, today, days);
        if (_memoCount < _memoKeys.Length)
        {
            _memoKeys[_memoCount] = memoKey;
            _memoValues[_memoCount++] = sum;
        }
        return sum;
    }

    private sealed class Table
    {
        public readonly long[] Totals = new long[ushort.MaxValue + 1];
        private readonly List<ushort> _touched = [];

        public int Days { get; private set; } = -1;

        public void Build(Profile profile, int today, int days)
        {
            Days = days;
            foreach (var entry in profile.From(today - days + 1))
            {
                if (entry.Day > today) break;
                ref var total = ref Totals[entry.Key];
                if (total == 0) _touched.Add(entry.Key);
                total += entry.Count;
            }
        }

        public void Clear()
        {
            foreach (var key in _touched) Totals[key] = 0;
            _touched.Clear();
            Days = -1;
        }
    }
}
