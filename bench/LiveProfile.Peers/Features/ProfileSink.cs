using LiveProfile.Engine.Features;

namespace LiveProfile.Peers.Features;

/// <summary>The updates applied to the engine's own <see cref="Profile"/> code, as the partition does.</summary>
internal readonly struct ProfileSink(Profile profile, double halfLifeMinutes) : IFeatureSink
{
    public void Touch(int minute) => profile.Touch(minute);

    public void Count(int day, ushort key, uint amount) => profile.Count(day, key, amount);

    public void CountActiveDay(int day)
    {
        if (!profile.Has(FeatureKeys.ActiveDay, day)) profile.Count(day, FeatureKeys.ActiveDay, 1);
    }

    public void Attend(int session, int room, int day) => profile.Attend(session, room, day);

    public void Flag(int session, int room, int day, AttendanceFlags flag) => profile.Attend(session, room, day).Flags |= flag;

    public void Dwell(int session, int day, int seconds)
    {
        profile.Count(day, FeatureKeys.DwellSeconds, (uint)seconds);
        var attendance = profile.Attendance;
        for (var i = attendance.Length - 1; i >= 0; i--)
        {
            if (attendance[i].Session != session) continue;
            profile.Attend(session, attendance[i].Room, day).DwellSeconds += seconds;
            break;
        }
    }

    public void Interact(ProductInfo product, int minute) => profile.AddInteraction(product.AffinityKeys, 1, minute, halfLifeMinutes);

    public void RecordView(ProductInfo product, int day) => profile.RecordView(product.ProductKey, product.TopCategoryKey, day);

    public void RecordBought(ProductInfo product, int day) => profile.RecordBought(product.ProductKey, product.TopCategoryKey, day);

    public void Order(double total, int minute, int day, bool premium, bool discounted)
    {
        profile.Orders++;
        profile.Spend += total;
        profile.RecordPurchase(day, total);
        profile.LastOrderMinute = Math.Max(profile.LastOrderMinute, minute);
        if (premium) profile.PremiumOrders++;
        if (discounted) profile.DiscountedOrders++;
    }

    public void Refund(double amount) => profile.Refunds += amount;

    public void Follow(int room) => profile.Follow(room);
}
