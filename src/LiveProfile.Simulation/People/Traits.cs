namespace LiveProfile.Simulation.People;

/// <summary>
/// The latent behaviours a simulated person mixes. They drive what the person does; the ground
/// truth is computed from what they then did, not from these flags.
/// </summary>
[Flags]
internal enum Traits
{
    None = 0,
    NightOwl = 1 << 0,
    PriceSensitive = 1 << 1,
    Impulse = 1 << 2,
    IngredientFocused = 1 << 3,
    ReviewFocused = 1 << 4,
    SilentWatcher = 1 << 5,
    Chatter = 1 << 6,
    GiftGiver = 1 << 7,
    LoyalFan = 1 << 8,
    HighValue = 1 << 9,
    BigTicket = 1 << 10,
    RepeatBuyer = 1 << 11,
    Churner = 1 << 12,
    Shifter = 1 << 13,
    Sharer = 1 << 14,
    ApplianceResearcher = 1 << 15,
    QualitySeeker = 1 << 16,
    PromotionHunter = 1 << 17,
    GuochaoFan = 1 << 18,
}
