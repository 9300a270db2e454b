namespace LiveProfile.Engine.Features;

/// <summary>
/// Windowed counters: per day and measure, sorted by (day, key), keeping the last
/// <see cref="RetainedDays"/> days before the newest. 7/30/180-day windows sum a range.
/// </summary>
public sealed partial class Profile
{
    /// <summary>The longest window (180 days) plus today.</summary>
    public const int RetainedDays = 181;

    private WindowEntry[]? _windows;
    private int _windowCount;

    public ReadOnlySpan<WindowEntry> Windows => _windows.AsSpan(0, _windowCount);

    internal void Count(int day, ushort key, uint amount)
    {
        if (amount == 0) return;
        var span = Windows;
        if (span.Length > 0)
        {
            var newest = span[^1].Day;
            if (day < newest - RetainedDays) return; // older than any window
            // Keep exactly the retained days before the newest, whatever the arrival order.
            if (day > newest && span[0].Day < day - RetainedDays && PruneOld(day)) span = Windows;
        }
        var composite = Composite(day, key);
        var index = Find(span, composite);
        if (index >= 0)
        {
            ref var entry = ref _windows![index];
            entry.Count = entry.Count > uint.MaxValue - amount ? uint.MaxValue : entry.Count + amount;
            return;
        }
        Insert(~index, new WindowEntry(day, key, amount));
    }

    /// <summary>Sum of <paramref name="key"/> over the <paramref name="days"/> days ending on <paramref name="today"/>.</summary>
    public long Sum(ushort key, int today, int days)
    {
        long sum = 0;
        var first = today - days + 1;
        foreach (var entry in Windows)
        {
            if (entry.Key == key && entry.Day >= first && entry.Day <= today) sum += entry.Count;
        }
        return sum;
    }

    /// <summary>Whether <paramref name="key"/> has any count on <paramref name="day"/>.</summary>
    public bool Has(ushort key, int day) => Find(Windows, Composite(day, key)) >= 0;

    /// <summary>Number of distinct days in the window with a count of <paramref name="key"/>.</summary>
    public int DaysWith(ushort key, int today, int days)
    {
        var first = today - days + 1;
        var n = 0;
        foreach (var entry in Windows)
        {
            if (entry.Key == key && entry.Day >= first && entry.Day <= today) n++;
        }
        return n;
    }

    private static long Composite(int day, ushort key) => ((long)day << 16) | key;

    private static int Find(ReadOnlySpan<WindowEntry> span, long composite)
    {
        // Today's entries are at the end: probe the tail before bisecting.
        int lo = 0, hi = span.Length - 1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var c = Composite(span[mid].Day, span[mid].Key);
            if (c == composite) return mid;
            if (c < composite) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    private void Insert(int index, WindowEntry entry)
    {
        if (_windows is null)
        {
            _windows = new WindowEntry[4];
        }
        else if (_windowCount == _windows.Length)
        {
            if (PruneOld(entry.Day)) index = ~Find(Windows, Composite(entry.Day, entry.Key));
            if (_windowCount == _windows.Length) Array.Resize(ref _windows, _windowCount * 2);
        }
        Array.Copy(_windows, index, _windows, index + 1, _windowCount - index);
        _windows[index] = entry;
        _windowCount++;
    }

    /// <summary>Drops entries that no window can reach any more; true when something was dropped.</summary>
    private bool PruneOld(int newestDay)
    {
        var newest = Math.Max(newestDay, _windowCount > 0 ? _windows![_windowCount - 1].Day : newestDay);
        var cutoff = newest - RetainedDays;
        var keep = 0;
        while (keep < _windowCount && _windows![keep].Day < cutoff) keep++;
        if (keep == 0) return false;
        Array.Copy(_windows!, keep, _windows!, 0, _windowCount - keep);
        _windowCount -= keep;
        return true;
    }

    private void MergeWindows(Profile other)
    {
        foreach (var entry in other.Windows) Count(entry.Day, entry.Key, entry.Count);
    }

    internal void RestoreWindows(WindowEntry[] entries)
    {
        _windows = entries.Length == 0 ? null : entries;
        _windowCount = entries.Length;
    }
}
