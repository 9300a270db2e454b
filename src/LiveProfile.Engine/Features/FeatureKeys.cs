using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Features;

/// <summary>
/// Keys of windowed counters (<see cref="WindowEntry.Key"/>). 0–31 are event types, 32–55 local
/// hours, 64–79 fixed measures, 80–89 comment intents, then ranges keyed by interned top-level
/// category: interactions, orders, product views, and comment intents while a product of the
/// category was on screen. 16 bits keep an entry at 12 bytes.
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
    public const ushort Interactions = 72;       // product interactions on catalogued products
    public const ushort ReviewViews = 73;        // shop.view with section "reviews"
    public const ushort PremiumOrders = 74;      // orders priced above their category's median
    public const ushort IntentBase = 80;         // + CommentIntent

    public const ushort InteractionCategoryBase = 256;                           // + top category id
    public const ushort OrderCategoryBase = InteractionCategoryBase + 2048;      // + top category id
    public const ushort ViewCategoryBase = OrderCategoryBase + 2048;             // + top category id: views and live clicks
    public const ushort IntentCategoryBase = ViewCategoryBase + 2048;            // + category * 10 + intent
    public const int MaxCategoryId = 2047;

    public static ushort EventType(Contract.EventType type) => (ushort)type;
    public static ushort Hour(int hour) => (ushort)(HourBase + hour);
    public static ushort Intent(CommentIntent intent) => (ushort)(IntentBase + (int)intent);
    public static ushort Interaction(int category) => (ushort)(InteractionCategoryBase + category);
    public static ushort Order(int category) => (ushort)(OrderCategoryBase + category);
    public static ushort View(int category) => (ushort)(ViewCategoryBase + category);
    public static ushort Intent(int category, CommentIntent intent) => (ushort)(IntentCategoryBase + category * CommentIntents.Count + (int)intent);

    /// <summary>Splits a key of a per-category range into the range's base (plus the intent) and the category id.</summary>
    public static bool TrySplitCategory(ushort key, out ushort rangeBase, out int category)
    {
        if (key < InteractionCategoryBase)
        {
            rangeBase = key;
            category = -1;
            return false;
        }
        if (key >= IntentCategoryBase)
        {
            var offset = key - IntentCategoryBase;
            category = offset / CommentIntents.Count;
            rangeBase = (ushort)(IntentCategoryBase + offset % CommentIntents.Count);
            return true;
        }
        rangeBase = key >= ViewCategoryBase ? ViewCategoryBase : key >= OrderCategoryBase ? OrderCategoryBase : InteractionCategoryBase;
        category = key - rangeBase;
        return true;
    }

    /// <summary>The inverse of <see cref="TrySplitCategory"/>.</summary>
    public static ushort Join(ushort rangeBase, int category) =>
        rangeBase >= IntentCategoryBase
            ? (ushort)(IntentCategoryBase + category * CommentIntents.Count + (rangeBase - IntentCategoryBase))
            : (ushort)(rangeBase + category);
}
