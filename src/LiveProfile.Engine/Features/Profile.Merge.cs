namespace LiveProfile.Engine.Features;

/// <summary>Identity merge: folds another profile's state into this one. Sums are commutative, so merge order does not matter.</summary>
public sealed partial class Profile
{
    internal void MergeFrom(Profile other, double halfLifeMinutes)
    {
        if (other.FirstSeenMinute != int.MaxValue) Touch(other.FirstSeenMinute);
        if (other.LastSeenMinute != int.MinValue) Touch(other.LastSeenMinute);
        if (Gender == Gender.Unknown) Gender = other.Gender;
        if (BirthYear == 0) BirthYear = other.BirthYear;
        if (Province < 0) Province = other.Province;
        if (City < 0) City = other.City;
        if (other.RegisteredMinute != int.MinValue && (RegisteredMinute == int.MinValue || other.RegisteredMinute < RegisteredMinute))
        {
            RegisteredMinute = other.RegisteredMinute;
        }
        // The stricter consent wins: a merge must never widen what a person agreed to.
        Consent &= other.Consent;
        Orders += other.Orders;
        DiscountedOrders += other.DiscountedOrders;
        PremiumOrders += other.PremiumOrders;
        Spend += other.Spend;
        Refunds += other.Refunds;
        LastOrderMinute = Math.Max(LastOrderMinute, other.LastOrderMinute);
        if (other.FollowedRooms is not null) foreach (var room in other.FollowedRooms) Follow(room);
        MergeAffinities(other, halfLifeMinutes);
        MergeWindows(other);
        MergeAttendance(other);
        MergeViewed(other);
        MergeInvitations(other);
        MergeModelScores(other);
        MergePurchases(other);
        // Tags are not merged: the absorbing partition re-evaluates every tag of the merged profile.
    }
}
