namespace LiveProfile.Matching;

/// <summary>The fields two records are compared on; each comparison falls into one of the field's levels.</summary>
public enum MatchField
{
    Nickname,
    Phone,
    Device,
    Province,
    City,
    Address,

    /// <summary>Products both touched within <see cref="MatchLevels.CoClickMinutes"/> of each other (the live click, then the shop view).</summary>
    CoClicks,
}

/// <summary>The levels of each field, best agreement first; <see cref="Missing"/> when either record lacks the field.</summary>
public static class MatchLevels
{
    public const byte Missing = byte.MaxValue;

    public static readonly MatchField[] Fields = Enum.GetValues<MatchField>();

    private static readonly string[][] Names =
    [
        ["same", "same pinyin", "similar", "partly similar", "different"],
        ["same", "different"],
        ["shared", "different"],
        ["same", "different"],
        ["same", "different"],
        ["mostly shared", "some shared", "different"],
        ["two or more", "one", "none"],
    ];

    /// <summary>How close in time two touches of one product must be to count as the same person's.</summary>
    public const long CoClickMinutes = 60;

    public static int Count(MatchField field) => Names[(int)field].Length;

    public static string Name(MatchField field, byte level) => level == Missing ? "missing" : Names[(int)field][level];
}
