namespace LiveProfile.Simulation.Rooms;

/// <summary>
/// One scheduled broadcast: its line-up, the product on screen slot by slot, and the coupon
/// drops. Times are Unix epoch milliseconds.
/// </summary>
internal sealed class SessionPlan
{
    public required string Id { get; init; }
    public required SimRoom Room { get; init; }
    public required string Title { get; init; }
    public required long StartMs { get; init; }
    public required long EndMs { get; init; }
    public required int[] Lineup { get; init; }             // product indexes
    public required Slot[] Slots { get; init; }             // in time order, back to back
    public required CouponDrop[] Coupons { get; init; }

    /// <summary>The product on screen at <paramref name="tsMs"/>, or -1.</summary>
    public int OnScreen(long tsMs)
    {
        int lo = 0, hi = Slots.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (tsMs < Slots[mid].FromMs) hi = mid - 1;
            else if (tsMs >= Slots[mid].UntilMs) lo = mid + 1;
            else return Slots[mid].Product;
        }
        return -1;
    }

    internal readonly record struct Slot(int Product, long FromMs, long UntilMs);

    internal readonly record struct CouponDrop(string CouponId, long AtMs, double Value);
}
