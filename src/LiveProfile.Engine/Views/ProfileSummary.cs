namespace LiveProfile.Engine.Views;

/// <summary>The answer of <c>GET /v1/profiles/{id}</c>: attributes, a summary of features, and tags.</summary>
public sealed record ProfileSummary(
    string ProfileId,
    int Partition,
    IReadOnlyList<string> Identifiers,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    DateTimeOffset? AsOf,
    AttributesView Attributes,
    ConsentView Consent,
    FeaturesView Features,
    IReadOnlyList<TagView> Tags);

public sealed record AttributesView(string? Gender, int? BirthYear, string? Province, string? City, DateTimeOffset? RegisteredAt);

public sealed record ConsentView(bool Analytics, bool Personalization, bool Marketing);

/// <summary>A tag as spec/api.md shows it: <see cref="Name"/> in Chinese, <see cref="NameEn"/> in English; <see cref="Source"/> is rule or model.</summary>
public sealed record TagView(string Id, string Family, string Name, string NameEn, double Weight, DateTimeOffset Since, string Source);

public sealed record FeaturesView(
    IReadOnlyList<AffinityView> Categories,
    IReadOnlyList<AffinityView> Brands,
    IReadOnlyList<AffinityView> PriceBands,
    IReadOnlyList<AffinityView> Labels,
    IReadOnlyDictionary<string, WindowCountsView> Counts,
    DwellView Dwell,
    IReadOnlyList<int> ActiveHours30d,
    RfmView Rfm,
    OrdersView Orders,
    IReadOnlyList<RoomAttendanceView> Rooms);

/// <summary>A decayed affinity now, and its share of all decayed interactions.</summary>
public sealed record AffinityView(string Key, double Score, double Share);

public sealed record WindowCountsView(long Days7, long Days30, long Days180);

public sealed record DwellView(double Minutes7d, double Minutes30d, int Sessions30d);

public sealed record RfmView(int? RecencyDays, long Frequency180d, double Monetary180d);

public sealed record OrdersView(int Count, double AverageOrderValue, double DiscountShare, double Spend, double Refunds,
    DateTimeOffset? LastOrderAt, IReadOnlyList<CategoryOrdersView> ByCategory);

/// <summary>Order days per top-level category within 180 days (for repurchase cycles).</summary>
public sealed record CategoryOrdersView(string Category, IReadOnlyList<DateOnly> Days);

public sealed record RoomAttendanceView(string Room, int Sessions, double DwellMinutes, bool Follows);
