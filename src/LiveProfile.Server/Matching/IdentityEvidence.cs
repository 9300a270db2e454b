using LiveProfile.Matching;

namespace LiveProfile.Server.Matching;

/// <summary>
/// What the log says about one identifier that helps tell who it is: the newest nickname, region and address, its newest
/// product touches, and whether its owner withdrew analytics consent (then it is never matched). Plaintext nickname and
/// address live only here, in memory, read from the sealed events for this purpose.
/// </summary>
internal sealed class IdentityEvidence
{
    /// <summary>Touches kept per identifier: co-touches count within the hour, so only the newest matter.</summary>
    public const int MaxTouches = 16;

    private ProductTouch[]? _touches; // a ring of the newest, created with the first touch: most identifiers touch nothing
    private int _touchCount;
    private int _nextTouch;

    public string? Nickname { get; private set; }

    /// <summary>Pseudonym of <see cref="Nickname"/>: an event with the same one needs no unsealing.</summary>
    public ulong NicknameHash { get; private set; }

    public long NicknameAtMs { get; private set; } = long.MinValue;
    public string? Province { get; private set; }
    public string? City { get; private set; }
    public long RegionAtMs { get; private set; } = long.MinValue;
    public IReadOnlyList<string>? AddressTokens { get; private set; }
    public long AddressAtMs { get; private set; } = long.MinValue;
    public bool AnalyticsWithdrawn { get; private set; }
    /// <summary>The newest touches, at most <see cref="MaxTouches"/>, in no particular order.</summary>
    public ReadOnlySpan<ProductTouch> Touches => _touches.AsSpan(0, _touchCount);

    public void SetNickname(string nickname, ulong hash, long atMs)
    {
        if (atMs < NicknameAtMs) return; // a late event does not replace a newer name
        (Nickname, NicknameHash, NicknameAtMs) = (nickname, hash, atMs);
    }

    public void SetRegion(string? province, string? city, long atMs)
    {
        if (atMs < RegionAtMs || (province is null && city is null)) return;
        (Province, City, RegionAtMs) = (province ?? Province, city ?? City, atMs);
    }

    public void SetAddress(IReadOnlyList<string> tokens, long atMs)
    {
        if (atMs < AddressAtMs || tokens.Count == 0) return;
        (AddressTokens, AddressAtMs) = (tokens, atMs);
    }

    public void SetAnalytics(bool granted) => AnalyticsWithdrawn = !granted;

    public void Touch(string product, long atMs)
    {
        var touches = _touches ??= new ProductTouch[MaxTouches];
        touches[_nextTouch] = new ProductTouch(product, atMs / 60_000);
        _nextTouch = (_nextTouch + 1) % MaxTouches;
        _touchCount = Math.Min(_touchCount + 1, MaxTouches);
    }
}
