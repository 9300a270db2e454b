using LiveProfile.Engine.Features;
using LiveProfile.Engine.Tags;

namespace LiveProfile.Engine.Partitioning;

/// <summary>What a room's view for one viewer depends on: the viewer's tags and consent, and its history with the room
/// and with the category of the product on screen.</summary>
public sealed partial class PartitionEngine
{
    /// <summary>The window over which a viewer's orders of the on-screen product's category are counted.</summary>
    public const int CategoryOrderDays = 180;

    /// <summary>Facts about <paramref name="profileId"/> in <paramref name="room"/> now; null when the profile is not here.</summary>
    public ViewerFacts? ViewerFactsOf(ulong profileId, string room)
    {
        if (!_profiles.TryGetValue(profileId, out var profile)) return null;
        var tags = new string[profile.Tags.Length];
        for (var i = 0; i < tags.Length; i++) tags[i] = TagKeys.Name(profile.Tags[i].Tag);
        var onScreen = WatermarkMs == long.MinValue ? null : World.OnScreenId(room, WatermarkMs);
        string? category = null;
        var categoryOrders = 0L;
        if (onScreen is not null && World.TryGetProduct(onScreen, out var product) && Today is { } today)
        {
            category = product.CategoryPath.Split('/')[0];
            if (product.TopCategoryKey <= FeatureKeys.MaxCategoryId) categoryOrders = profile.Sum(FeatureKeys.Order(product.TopCategoryKey), today, CategoryOrderDays);
        }
        // A returning viewer attended another session of the room than the one it is in now.
        var returning = World.TryRoomKey(room, out var roomKey)
            && profile.AttendedBefore(roomKey, profile.PresentRoom == roomKey ? profile.PresentSession : -1);
        return new ViewerFacts(tags, profile.Consent.HasFlag(Consent.Personalization), onScreen, category, (int)Math.Min(int.MaxValue, categoryOrders), returning);
    }
}

/// <summary>
/// A viewer's facts for choosing its view of a room: its tags, whether it consented to personalisation, the product on
/// screen and its top-level category, its orders of that category in the last 180 days, whether it came to the room before.
/// </summary>
public sealed record ViewerFacts(string[] Tags, bool Personalization, string? OnScreen, string? OnScreenCategory, int CategoryOrders, bool ReturningToRoom);
