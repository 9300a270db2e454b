using LiveProfile.Engine.Memory;
namespace LiveProfile.Engine.Features;

/// <summary>
/// Windowed counters: per day and measure, sorted by (day, key), keeping the last
/// <see cref="RetainedDays"/> days before the newest. 7/30/180-day windows sum a range.
/// </summary>
public sealed partial class Profile
{
    /// <summary>The longest window (180 days) plus today.</summary>
    public const int RetainedDays = 181;

    private int _windowHandle = SlabBlocks.None;
    private int _windowCount;
    private byte _windowClass;

    public ReadOnlySpan<WindowEntry> Windows => _slabs.Windows.Span(_windowHandle, _windowCount);

    private Span<WindowEntry> MutableWindows => _slabs.Windows.Span(_windowHandle, _windowCount);

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
            ref var entry = ref MutableWindows[index];
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
        foreach (var entry in From(first))
        {
            if (entry.Day > today) break;
            if (entry.Key == key) sum += entry.Count;
        }
        return sum;
    }

    /// <summary>The entries from <paramref name="firstDay"/> on (sorted by day): a 30-day window skips the older 150 days.</summary>
    public ReadOnlySpan<WindowEntry> From(int firstDay)
    {
        var span = Windows;
        if (span.Length == 0 || span[0].Day >= firstDay) return span;
        var index = Find(span, Composite(firstDay, 0));
        return span[(index < 0 ? ~index : index)..];
    }

    /// <summary>Whether <paramref name="key"/> has any count on <paramref name="day"/>.</summary>
    public bool Has(ushort key, int day) => Find(Windows, Composite(day, key)) >= 0;

    /// <summary>Number of distinct days in the window with a count of <paramref name="key"/>.</summary>
    public int DaysWith(ushort key, int today, int days)
    {
        var first = today - days + 1;
        var n = 0;
        foreach (var entry in From(first))
        {
            if (entry.Day > today) break;
            if (entry.Key == key) n++;
        }
        return n;
    }

    private static long Composite(int day, ushort key) => ((long)day << 16) | key;

    /// <summary>Entries of the newest day scanned before bisecting: a busy day holds a few dozen measures.</summary>
    private const int NewestDayScan = 48;

    private static int Find(ReadOnlySpan<WindowEntry> span, long composite)
    {
        // Today's entries are at the end: scan the newest day's few entries backwards (a cache line or two) before
        // bisecting the rest, which for a heavy profile is hundreds of entries and a cache miss per step.
        if (span.Length == 0) return ~0;
        var last = Composite(span[^1].Day, span[^1].Key);
        if (composite > last) return ~span.Length;
        var newestDay = span[^1].Day;
        var hi = span.Length - 1;
        var scan = composite >> 16 == newestDay ? NewestDayScan : 0;
        for (var scanned = 0; hi >= 0 && span[hi].Day == newestDay && scanned < scan; hi--, scanned++)
        {
            var c = Composite(span[hi].Day, span[hi].Key);
            if (c == composite) return hi;
            if (c < composite) return ~(hi + 1);
        }
        var lo = 0;
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
        if (_windowHandle != SlabBlocks.None && _windowCount == SlabBlocks.Capacity(_windowClass)
            && PruneOld(entry.Day))
        {
            index = ~Find(Windows, Composite(entry.Day, entry.Key));
        }
        EnsureRoom(_slabs.Windows, ref _windowHandle, ref _windowClass, _windowCount, initialClass: 3);
        var span = _slabs.Windows.Span(_windowHandle, ++_windowCount);
        span[index..^1].CopyTo(span[(index + 1)..]);
        span[index] = entry;
    }

    /// <summary>Drops entries that no window can reach any more; true when something was dropped.</summary>
    private bool PruneOld(int newestDay)
    {
        var span = MutableWindows;
        var newest = Math.Max(newestDay, span.Length > 0 ? span[^1].Day : newestDay);
        var cutoff = newest - RetainedDays;
        var drop = 0;
        while (drop < span.Length && span[drop].Day < cutoff) drop++;
        if (drop == 0) return false;
        span[drop..].CopyTo(span);
        span[^drop..].Clear();
        _windowCount -= drop;
        return true;
    }

    private void MergeWindows(Profile other)
    {
        foreach (var entry in other.Windows) Count(entry.Day, entry.Key, entry.Count);
    }

    internal void RestoreWindows(WindowEntry[] entries)
    {
        _windowHandle = Store(_slabs.Windows, entries, out _windowClass);
        _windowCount = entries.Length;
    }
}
