using LiveProfile.Engine.Features;

namespace LiveProfile.Peers.Features;

/// <summary>
/// The profile updates the engine makes per event (the mutations <c>PartitionEngine.Events.cs</c>
/// makes on a <see cref="Profile"/>), so that each peer performs them its own way: a grain on the
/// engine's <see cref="Profile"/>, Redis with hash commands.
/// </summary>
internal interface IFeatureSink
{
    /// <summary>First and last seen.</summary>
    void Touch(int minute);

    /// <summary>A per-day window counter (<see cref="FeatureKeys"/>).</summary>
    void Count(int day, ushort key, uint amount);

    /// <summary>The "active day" counter, once per local day.</summary>
    void CountActiveDay(int day);

    /// <summary>Presence in a live session.</summary>
    void Attend(int session, int room, int day);

    void Flag(int session, int room, int day, AttendanceFlags flag);

    /// <summary>A closed visit: dwell to the day of the join and to the session.</summary>
    void Dwell(int session, int day, int seconds);

    /// <summary>One interaction with a product: decayed affinity of every key (category levels, brand, price band, labels).</summary>
    void Interact(ProductInfo product, int minute);

    /// <summary>Recently viewed products (the engine keeps the newest 32).</summary>
    void RecordView(ProductInfo product, int day);

    /// <summary>A product bought, kept beside the viewed ones for the item-to-item model's co-purchases.</summary>
    void RecordBought(ProductInfo product, int day);

    /// <summary>Lifetime order statistics, and the spend of the order's local day.</summary>
    void Order(double total, int minute, int day, bool premium, bool discounted);

    void Refund(double amount);

    void Follow(int room);
}
