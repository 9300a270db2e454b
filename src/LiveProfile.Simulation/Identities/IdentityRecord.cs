namespace LiveProfile.Simulation.Identities;

/// <summary>
/// One identity as a matcher sees it: a live viewer or a shop account (phone and devices as opaque hashes), with its
/// recent product touches (minute of event time): live clicks for a viewer, shop views for an account.
/// </summary>
internal sealed record IdentityRecord(
    string Id, string? Nickname, string[]? Devices, string? Phone, string? Province, string? City, string[]? AddressTokens,
    (string Product, long Minute)[]? Touches = null);

/// <summary>
/// Shop accounts, viewer identities to match against them, and the truth: the account each viewer is (absent for
/// viewers who have none, who must stay unlinked).
/// </summary>
internal sealed record SplitIdentitySet(
    string Name, IReadOnlyList<IdentityRecord> Accounts, IReadOnlyList<IdentityRecord> Viewers, IReadOnlyDictionary<string, string> TrueAccount);
