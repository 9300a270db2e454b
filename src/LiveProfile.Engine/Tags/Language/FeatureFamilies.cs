namespace LiveProfile.Engine.Tags.Language;

/// <summary>Families of profile state a function reads; an expression's inputs are the union over its calls.</summary>
[Flags]
public enum FeatureFamilies
{
    None = 0,
    /// <summary>Windowed event counters (per event type, hour, active day).</summary>
    Events = 1,
    /// <summary>Decayed affinities and shares (categories, brands, price bands, labels).</summary>
    Affinities = 2,
    /// <summary>Classified comment intents.</summary>
    Comments = 4,
    /// <summary>Live presence: dwell, sessions attended, follows, coupon claims, gifts.</summary>
    Presence = 8,
    /// <summary>Orders and spend.</summary>
    Orders = 16,
    /// <summary>Declared attributes (<c>user.profile</c>).</summary>
    Attributes = 32,
    /// <summary>Scores set by models.</summary>
    Models = 64,
    /// <summary>Other tags of the same profile.</summary>
    Tags = 128,
    /// <summary>Statistics over all users (e.g. spend percentile).</summary>
    Population = 256,
    /// <summary>The value can change with time alone (windows slide, days since grow): re-evaluate on timers.</summary>
    Clock = 512,
}
