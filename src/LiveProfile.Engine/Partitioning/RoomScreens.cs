namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// What a room presented recently, in start order: a live event that arrives late (or in another
/// producer's request) is attributed to the product on screen when it happened, not when it
/// arrived. A presentation ends at its <c>until</c> or when the next one starts. Bounded to the
/// newest <see cref="Kept"/> presentations (several hours of a broadcast).
/// </summary>
internal sealed class RoomScreens
{
    public const int Kept = 128;
    private readonly List<RoomScreen> _screens = [];

    public IReadOnlyList<RoomScreen> All => _screens;

    public void Add(RoomScreen screen)
    {
        var at = _screens.FindLastIndex(s => s.SinceMs <= screen.SinceMs);
        if (at >= 0 && _screens[at].SinceMs == screen.SinceMs) _screens[at] = screen; // the same start again: the newer word wins
        else _screens.Insert(at + 1, screen);
        if (_screens.Count > Kept) _screens.RemoveAt(0);
    }

    /// <summary>The product presented at <paramref name="tsMs"/>, if any.</summary>
    public string? At(long tsMs)
    {
        int lo = 0, hi = _screens.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_screens[mid].SinceMs <= tsMs)
            {
                found = mid;
                lo = mid + 1;
            }
            else hi = mid - 1;
        }
        if (found < 0) return null;
        var screen = _screens[found];
        var ends = found + 1 < _screens.Count ? Math.Min(screen.UntilMs, _screens[found + 1].SinceMs - 1) : screen.UntilMs;
        return tsMs <= ends ? screen.Product : null;
    }
}
