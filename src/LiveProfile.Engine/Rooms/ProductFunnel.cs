using Roaring.Net.CRoaring;

namespace LiveProfile.Engine.Rooms;

/// <summary>
/// The funnel of one product in one live session, as one partition sees it: the viewers who had it on screen, clicked
/// it, put it in the cart and ordered it while in the room. Bitmaps of profile ordinals, so that each stage counts
/// people once and a segment's funnel is an intersection with the segment's bitmap.
/// </summary>
public sealed class ProductFunnel : IDisposable
{
    public Roaring32Bitmap OnScreen { get; } = new();
    public Roaring32Bitmap Clicked { get; } = new();
    public Roaring32Bitmap Carted { get; } = new();
    public Roaring32Bitmap Ordered { get; } = new();

    /// <summary>People counted at each stage, or only those in <paramref name="within"/> (a segment's members).</summary>
    public FunnelCounts Count(Roaring32Bitmap? within) => within is null
        ? new FunnelCounts((long)OnScreen.Count, (long)Clicked.Count, (long)Carted.Count, (long)Ordered.Count)
        : new FunnelCounts((long)OnScreen.AndCount(within), (long)Clicked.AndCount(within), (long)Carted.AndCount(within),
            (long)Ordered.AndCount(within));

    /// <summary>Forgets a profile that left the partition: its ordinal may go to someone else.</summary>
    public void Forget(int ordinal)
    {
        OnScreen.Remove((uint)ordinal);
        Clicked.Remove((uint)ordinal);
        Carted.Remove((uint)ordinal);
        Ordered.Remove((uint)ordinal);
    }

    public void Dispose()
    {
        OnScreen.Dispose();
        Clicked.Dispose();
        Carted.Dispose();
        Ordered.Dispose();
    }
}

/// <summary>People at each stage of a product's funnel: on screen → clicked → carted → ordered.</summary>
public readonly record struct FunnelCounts(long OnScreen, long Clicked, long Carted, long Ordered)
{
    public static FunnelCounts operator +(FunnelCounts a, FunnelCounts b) =>
        new(a.OnScreen + b.OnScreen, a.Clicked + b.Clicked, a.Carted + b.Carted, a.Ordered + b.Ordered);
}
