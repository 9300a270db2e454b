namespace LiveProfile.Engine.Features;

/// <summary>
/// Keys of windowed counters (<see cref="WindowEntry.Key"/>). 0–31 are event types, 32–55 local
/// hours, 64–127 fixed measures, then two ranges of interned top-level categories: interactions and
/// orders. 16 bits keep an entry at 12 bytes.
/// </summary>
public static class FeatureKeys
{
    public const ushort HourBase = 32;          // + local hour 0..23: activity count
    public const ushort DwellSeconds = 64;       // seconds of closed live visits, by day of join
    public const ushort GiftCents = 65;          // gift value in CNY cents
    public const ushort SpendCents = 66;         // order totals in CNY cents
    public const ushort DiscountedOrders = 67;   // orders with a coupon or an item discount
    public const ushort ImpulseOrders = 68;      // orders within 5 minutes of a live click on an ordered product
    public const ushort RefundCents = 69;
    public const ushort ActiveDay = 71;          // 1 per local day with any activity (distinct days)
    public const ushort InteractionCategoryBase = 256;   // + top category id
    public const ushort OrderCategoryBase = 32768;       // + top category id
    public const int MaxCategoryId = 32767 - 256;

    public static ushort EventType(Contract.EventType type) => (ushort)type;
    public static ushort Hour(int hour) => (ushort)(HourBase + hour);
}
