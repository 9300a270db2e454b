using LiveProfile.Simulation.Catalog;
using LiveProfile.Simulation.Comments;
using LiveProfile.Simulation.People;
using LiveProfile.Simulation.Rooms;

namespace LiveProfile.Simulation.Generation;

/// <summary>
/// One simulated event as it truly happened (person, true time, true intent). The writer turns it
/// into a spec/events.md line; noise changes only how it is delivered.
/// </summary>
internal sealed class SimEvent
{
    public long Seq;                     // order of creation: the tie-breaker that keeps runs deterministic
    public required string Type;
    public long TsMs;
    public SimPerson? Person;
    public SessionPlan? Session;
    public SimProduct? Product;

    // props, by type
    public string? Text;                 // live.comment, shop.review, shop.search (query)
    public Intent Intent;                // live.comment: what the viewer meant
    public int Count;                    // live.like count, shop.cart_add qty
    public double Value;                 // live.gift / live.coupon_claim value, shop.order total
    public string? Code;                 // giftId, couponId (claim and order), join source, share channel, view section
    public OrderLine[]? Items;           // shop.order
    public string? OrderId;
    public int Rating;                   // shop.review
    public long UntilMs;                 // live.product_on_screen
    public int DurationMs;               // shop.view

    public string? Broken;               // malformed on purpose: which rule the line breaks (a copy with an id of its own)
}

/// <summary>One item of a simulated order.</summary>
internal readonly record struct OrderLine(SimProduct Product, int Qty, double UnitPrice, double Discount);
